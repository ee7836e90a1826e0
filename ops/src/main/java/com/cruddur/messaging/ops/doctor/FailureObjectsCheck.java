package com.cruddur.messaging.ops.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Failure objects nobody has redriven: the batches the event source mapping gave up on, kept whole
 * in the stack's failure bucket until {@code redrive} applies and removes them. Any is a warning
 * with their count and the age of the oldest: conversation lists are behind until they are
 * applied. The verdict is pure; the listing is {@link FailureObjectsSource}'s.
 */
final class FailureObjectsCheck {

    static final String NAME = "failure-objects";

    /**
     * A failure object, as the bucket lists it.
     *
     * @param key          its key
     * @param lastModified when Lambda wrote it
     */
    record FailureObject(String key, Instant lastModified) {
    }

    private FailureObjectsCheck() {
    }

    /**
     * @param objects the bucket's failure objects, as listed; missing when the stack has no bucket yet
     * @param now     the time to measure the age from
     */
    static Verdict verdict(Lookup<List<FailureObject>> objects, Instant now) {
        return switch (objects) {
            case Lookup.NotChecked<List<FailureObject>> not -> Verdict.skip(NAME, not.why());
            case Lookup.Failed<List<FailureObject>> failed -> Lookup.unavailable(NAME, failed,
                    "s3:ListBucket on the failure bucket");
            case Lookup.Missing<List<FailureObject>> _ -> Verdict.ok(NAME, "no failure bucket yet (the stack is not deployed)");
            case Lookup.Found<List<FailureObject>> found when found.value().isEmpty() ->
                    Verdict.ok(NAME, "no failure object waiting");
            case Lookup.Found<List<FailureObject>> found -> waiting(found.value(), now);
        };
    }

    private static Verdict waiting(List<FailureObject> objects, Instant now) {
        FailureObject oldest = objects.stream().min(Comparator.comparing(FailureObject::lastModified)).orElseThrow();
        int count = objects.size();
        return Verdict.warn(NAME, count + " failure object" + (count == 1 ? "" : "s") + " waiting, the oldest "
                + age(Duration.between(oldest.lastModified(), now)) + " old (" + oldest.lastModified() + "): conversation"
                + " lists are behind until they are applied",
                "find the cause, then ./dev redrive --aws (--dry-run first; infra/README-ops.md)");
    }

    /** An age for people: "3 d 4 h", "5 h 12 min", "40 min", "less than a minute". */
    static String age(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 1) {
            return "less than a minute";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + minutes % 60 + " min" : minutes + " min";
    }
}
