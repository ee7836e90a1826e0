package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** doctor's report: one line per verdict, a summary, and the exit status of the worst verdict. */
final class Report {

    private Report() {
    }

    /** "fail  table            cruddur-messages not found · fix: ..." */
    static String line(Verdict verdict, Style style) {
        String line = String.format(Locale.ROOT, "%-4s  %-16s %s", verdict.status().label(), verdict.check(), verdict.found());
        return verdict.fix() == null ? line : line + " " + style.dot() + " fix: " + verdict.fix();
    }

    /** "doctor: 4 ok, 1 skipped, 1 warning, 1 failure" */
    static String summary(List<Verdict> verdicts) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Verdict verdict : verdicts) {
            counts.merge(verdict.status(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        parts.add(counts.getOrDefault(Status.OK, 0) + " ok");
        parts.add(counts.getOrDefault(Status.SKIP, 0) + " skipped");
        int warnings = counts.getOrDefault(Status.WARN, 0);
        parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        int failures = counts.getOrDefault(Status.FAIL, 0);
        parts.add(failures + (failures == 1 ? " failure" : " failures"));
        return "doctor: " + String.join(", ", parts);
    }

    /** The worst verdict's exit status; a skipped check counts as ok. */
    static ExitCode exitCode(List<Verdict> verdicts) {
        Status worst = Status.OK;
        for (Verdict verdict : verdicts) {
            worst = worst.worse(verdict.status());
        }
        return switch (worst) {
            case FAIL -> ExitCode.PREFLIGHT_FAILED;
            case WARN -> ExitCode.PREFLIGHT_WARNINGS;
            case OK, SKIP -> ExitCode.OK;
        };
    }
}
