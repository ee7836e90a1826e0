package com.cruddur.messaging.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where the event source mapping sends the description (shard, sequence-number range) of a batch
 * it gave up on; ops read it and replay the records (README-ops.md).
 */
final class FailureDestination extends Construct {

    private static final String NO_DLQ_REASON = "This queue is itself the failure destination of the stream's event "
            + "source mapping; nothing consumes it automatically, so a dead-letter queue behind it would have no "
            + "purpose. Ops read and delete its messages by hand after replaying the records.";

    private final Queue queue;

    FailureDestination(Construct scope, String id) {
        super(scope, id);
        queue = Queue.Builder.create(this, "Queue")
                // SQS-managed SSE: the messages hold shard ids and sequence numbers, no message text,
                // and the Lambda service can send to it with no kms: permission on the role.
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // The maximum, so a failure noticed late can still be read; the records themselves
                // stay in the stream for only 24 hours.
                .retentionPeriod(Duration.days(14))
                .build();
        Suppressions.nag(queue, "AwsSolutions-SQS3", NO_DLQ_REASON);
        Suppressions.nag(queue, "Serverless-SQSRedrivePolicy", NO_DLQ_REASON);
        Suppressions.guard(queue, "sqs_dlq_check", NO_DLQ_REASON);
    }

    Queue queue() {
        return queue;
    }
}
