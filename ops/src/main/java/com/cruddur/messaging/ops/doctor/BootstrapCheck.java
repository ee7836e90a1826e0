package com.cruddur.messaging.ops.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The CDK bootstrap stack of the account and Region: {@code cdk deploy} uploads the function's jar
 * to its bucket and deploys through its roles, and the synthesized template refuses a bootstrap
 * version below the one its rule names ({@code Rules.CheckBootstrapVersion}, against the SSM
 * parameter {@code /cdk-bootstrap/hnb659fds/version}). Read here from CloudFormation: the stack
 * {@value #TOOLKIT_STACK} (the CDK's default name and qualifier {@code hnb659fds}, which the stack
 * uses) and its output {@value #VERSION_OUTPUT}.
 */
final class BootstrapCheck {

    static final String NAME = "cdk-bootstrap";
    /** The CDK CLI's default bootstrap stack name ("cdk bootstrap", AWS CDK v2 developer guide). */
    static final String TOOLKIT_STACK = "CDKToolkit";
    /** The bootstrap template's output holding its version. */
    static final String VERSION_OUTPUT = "BootstrapVersion";
    /**
     * The bootstrap version to require when no synthesized template is at hand: the one the CDK's
     * default synthesizer asks for today and infra/README-ops.md names ("version 6 or later").
     */
    static final int DEFAULT_REQUIRED_VERSION = 6;

    /**
     * The bootstrap stack as CloudFormation describes it.
     *
     * @param status  its StackStatus, such as CREATE_COMPLETE
     * @param version its BootstrapVersion output, null when it has none
     * @param account the account of its stack id, for the fix's command
     */
    record Toolkit(String status, Integer version, String account) {
    }

    /**
     * The version the stack requires, and where that number comes from (for the report).
     */
    record Requirement(int version, String source) {

        static Requirement fallback() {
            return new Requirement(DEFAULT_REQUIRED_VERSION, "infra/README-ops.md; no synthesized template found");
        }
    }

    private BootstrapCheck() {
    }

    /**
     * @param toolkit  the bootstrap stack, as read
     * @param required the version the stack's template requires
     * @param region   the Region (for the fix's command), null if unknown
     * @param account  the account if known from elsewhere (the table's ARN), else null
     */
    static Verdict verdict(Lookup<Toolkit> toolkit, Requirement required, String region, String account) {
        return switch (toolkit) {
            case Lookup.NotChecked<Toolkit> not -> Verdict.skip(NAME, not.why());
            case Lookup.Failed<Toolkit> failed -> Lookup.unavailable(NAME, failed,
                    "cloudformation:DescribeStacks on the stack " + TOOLKIT_STACK);
            case Lookup.Missing<Toolkit> _ -> Verdict.fail(NAME, "no " + TOOLKIT_STACK + " stack in "
                    + (region == null ? "this Region" : region) + ": the account is not bootstrapped there",
                    bootstrap(account, region));
            case Lookup.Found<Toolkit> found -> found(found.value(), required, region, account);
        };
    }

    private static Verdict found(Toolkit toolkit, Requirement required, String region, String account) {
        String where = TOOLKIT_STACK + " (" + toolkit.status() + ")";
        String fix = bootstrap(toolkit.account() != null ? toolkit.account() : account, region);
        if (toolkit.status().endsWith("_IN_PROGRESS")) {
            return Verdict.warn(NAME, where + " is being changed", "wait for it to finish, then run doctor again");
        }
        if (toolkit.status().endsWith("FAILED") || toolkit.status().equals("ROLLBACK_COMPLETE")) {
            return Verdict.fail(NAME, where + " is not usable",
                    "see its events (aws cloudformation describe-stack-events --stack-name " + TOOLKIT_STACK
                            + "); a ROLLBACK_COMPLETE stack must be deleted first; then " + fix);
        }
        if (toolkit.version() == null) {
            return Verdict.fail(NAME, where + " has no " + VERSION_OUTPUT + " output (a legacy bootstrap)", fix);
        }
        String versions = "version " + toolkit.version() + ", the stack requires " + required.version()
                + " or later (" + required.source() + ")";
        if (toolkit.version() < required.version()) {
            return Verdict.fail(NAME, where + " " + versions, fix + " (upgrades it in place)");
        }
        return Verdict.ok(NAME, where + " " + versions);
    }

    /**
     * The version a synthesized template requires, from its rule: the assertion is
     * {@code Fn::Not [Fn::Contains [[versions refused...], Ref BootstrapVersion]]}, so the
     * requirement is one above the highest version refused.
     */
    static Optional<Integer> requiredVersion(JsonNode template) {
        JsonNode assertions = template.path("Rules").path("CheckBootstrapVersion").path("Assertions");
        Integer highestRefused = null;
        for (JsonNode assertion : assertions) {
            JsonNode refused = assertion.path("Assert").path("Fn::Not").path(0).path("Fn::Contains").path(0);
            for (JsonNode version : refused) {
                if (version.isTextual() && version.asText().matches("\\d{1,4}")) {
                    int v = Integer.parseInt(version.asText());
                    highestRefused = highestRefused == null ? v : Math.max(highestRefused, v);
                }
            }
        }
        return highestRefused == null ? Optional.empty() : Optional.of(highestRefused + 1);
    }

    /** The command that bootstraps (or upgrades) the environment. */
    static String bootstrap(String account, String region) {
        return "./dev cdk bootstrap aws://"
                + (account != null ? account : "$(aws sts get-caller-identity --query Account --output text)")
                + "/" + (region != null ? region : "<region>");
    }
}
