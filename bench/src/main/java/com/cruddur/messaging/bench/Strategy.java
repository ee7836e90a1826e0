package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.LocalContext;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import com.cruddur.messaging.stream.WriteMode;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A way of updating conversation lists from a batch, as the benchmark compares them. */
enum Strategy {

    /** The original design, re-implemented only to be measured: per record, a query, then a plain delete and put per row. */
    ORIGINAL("original"),
    /** The deployed handler on its transactional write path. */
    TRANSACTIONAL(WriteMode.TRANSACTIONAL.value()),
    /** The deployed handler on its put-first write path. */
    PUT_FIRST(WriteMode.PUT_FIRST.value());

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** What one invocation of this strategy does with a batch, on a client and table. */
    Consumer<DynamodbEvent> on(DynamoDbClient client, String table, int concurrency) {
        if (this == ORIGINAL) {
            return new BaselineStrategy(client, table)::process;
        }
        WriteMode mode = this == TRANSACTIONAL ? WriteMode.TRANSACTIONAL : WriteMode.PUT_FIRST;
        MessageGroupStreamHandler handler = new MessageGroupStreamHandler(client,
                Config.forTable(table).withMaxConcurrency(concurrency).withWriteMode(mode));
        return batch -> {
            InvocationReport report = handler.process(batch, new LocalContext(line -> { }));
            if (!report.failedSequenceNumbers().isEmpty()) {
                // Capacity per message means nothing for a batch left half applied: stop, and say why.
                throw new CliException(ExitCode.MEASUREMENT_FAILED, label + ": the handler reported batch item failures"
                        + " (sequence numbers " + report.failedSequenceNumbers() + "): DynamoDB Local did not answer within"
                        + " the function's timeout; run with fewer --participants or --messages, or on a less loaded machine");
            }
        };
    }
}
