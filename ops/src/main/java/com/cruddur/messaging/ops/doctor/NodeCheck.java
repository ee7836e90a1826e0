package com.cruddur.messaging.ops.doctor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js that runs the pinned CDK CLI ({@code ./dev cdk}): 22 or later. 20 and 21 still work
 * but the CLI prints an end-of-life banner at every synth (infra/README-ops.md asks for 22+); older
 * ones, or none, cannot run it.
 */
final class NodeCheck {

    static final String NAME = "node";
    /** The oldest major version the CDK CLI supports without its end-of-life banner. */
    static final int RECOMMENDED_MAJOR = 22;
    /** The oldest major version that still runs it. */
    static final int OLDEST_WORKING_MAJOR = 20;

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)\\s*");
    private static final String INSTALL = "install Node.js " + RECOMMENDED_MAJOR + " or 24 (e.g. nvm install "
            + RECOMMENDED_MAJOR + ", or https://nodejs.org/), then run doctor again";

    private NodeCheck() {
    }

    /** @param version the output of {@code node --version}; missing when there is no node */
    static Verdict verdict(Lookup<String> version) {
        return switch (version) {
            case Lookup.NotChecked<String> not -> Verdict.skip(NAME, not.why());
            case Lookup.Missing<String> _ -> Verdict.fail(NAME, "no node on the PATH: the CDK CLI cannot run", INSTALL);
            case Lookup.Failed<String> failed -> Verdict.fail(NAME, "node --version failed (" + failed.reason() + ")", INSTALL);
            case Lookup.Found<String> found -> found(found.value());
        };
    }

    private static Verdict found(String output) {
        Matcher m = VERSION.matcher(output);
        if (!m.matches()) {
            return Verdict.fail(NAME, "node --version printed something else than a version", INSTALL);
        }
        int major = Integer.parseInt(m.group(1));
        String version = "v" + m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (major >= RECOMMENDED_MAJOR) {
            return Verdict.ok(NAME, "Node.js " + version + " for the CDK CLI");
        }
        if (major >= OLDEST_WORKING_MAJOR) {
            return Verdict.warn(NAME, "Node.js " + version + ": works, but the CDK CLI asks for " + RECOMMENDED_MAJOR
                    + "+ and prints an end-of-life banner at every synth", INSTALL);
        }
        return Verdict.fail(NAME, "Node.js " + version + ": too old for the CDK CLI (" + RECOMMENDED_MAJOR + "+)", INSTALL);
    }
}
