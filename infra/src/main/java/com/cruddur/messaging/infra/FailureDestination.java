package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where the event source mapping sends the description (shard, sequence-number range) of a batch
 * it gave up on; ops redrive the records from it with {@code ./dev redrive --aws} (README-ops.md).
 */
final class FailureDestination extends Construct {

    /**
     * The construct's id: with its queue's, it makes the queue's logical id begin with
     * {@link DeploymentContract.Stack#FAILURE_QUEUE_LOGICAL_ID_PREFIX}, by which redrive finds it.
     */
    static final String ID = "StreamFailureDestination";

    private static final String NO_DLQ_REASON = "This queue is itself the failure destination of the stream's event "
            + "source mapping; nothing consumes it automatically, so a dead-letter queue behind it would have no "
            + "purpose. Ops redrive its messages with ./dev redrive, which deletes each after its records were applied.";

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
