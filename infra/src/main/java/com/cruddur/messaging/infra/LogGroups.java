package com.cruddur.messaging.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** The stack's log groups (the function's, the flow logs', the prefix-list lookup's): one policy for all. */
final class LogGroups {

    /**
     * A year: the AWS Control Tower proactive control CT.CLOUDWATCH.PR.2 asks for at least 365 days,
     * and these logs are small (ids and counts, rejected flows, one lookup per deploy).
     */
    static final RetentionDays RETENTION = RetentionDays.ONE_YEAR;

    private LogGroups() {
    }

    /** A log group with the stack's retention, encrypted by CloudWatch Logs (see the suppression's reason). */
    static LogGroup create(Construct scope, String id) {
        LogGroup logGroup = LogGroup.Builder.create(scope, id)
                .retention(RETENTION)
                // Retain, even when the deploy that created it is rolled back: the logs of a failed first deploy
                // (a priming hook that timed out, say) are what explains it, and the generated name never
                // collides with the retry's. The retention deletes the events after a year.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Suppressions.guard(logGroup, "cloudwatch_log_group_encrypted_check",
                "CloudWatch Logs encrypts every log group at rest with a service key. A customer managed KMS key "
                        + "(CT.CLOUDWATCH.PR.3) would add a key policy granting the logs service, a monthly "
                        + "charge and a way to lose the logs by disabling the key; these logs carry ids, counts "
                        + "and rejected flows only, never message text or names.");
        return logGroup;
    }

    /** Write to one log group (its streams are created by Lambda per execution environment). */
    static PolicyStatement writeStatement(LogGroup logGroup) {
        return PolicyStatement.Builder.create()
                .sid("WriteOwnLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                // The log group's ARN attribute ends in ':*', which covers its log streams.
                .resources(List.of(logGroup.getLogGroupArn()))
                .build();
    }
}
