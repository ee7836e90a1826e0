package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.WriteMode;
import java.net.URI;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs in a child JVM sized like a Lambda function of some memory ({@link MemorySweep}): delivers a
 * workload's batches through the handler to a warm-up table, then to the measured one (both
 * created and loaded by the parent), and prints each measured invocation's duration in
 * nanoseconds on one line: {@code durations n1,n2,...}.
 *
 * <p>Arguments: endpoint, warm-up table, measured table, write mode, shape, conversations,
 * participants, messages.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        WriteMode mode = WriteMode.parse(args[3]);
        TrafficShape shape = TrafficShape.valueOf(args[4]);
        Workload workload = MemorySweep.workload(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        Strategy strategy = mode == WriteMode.TRANSACTIONAL ? Strategy.TRANSACTIONAL : Strategy.PUT_FIRST;
        try (DynamoDbClient client = LocalDynamoDb.clientBuilder(endpoint).build()) {
            run(strategy, client, args[1], workload, shape);
            long[] nanos = run(strategy, client, args[2], workload, shape);
            StringJoiner line = new StringJoiner(",", "durations ", "");
            for (long n : nanos) {
                line.add(Long.toString(n));
            }
            System.out.println(line);
        }
        System.exit(0);
    }

    private static long[] run(Strategy strategy, DynamoDbClient client, String table, Workload workload, TrafficShape shape) {
        // As deployed: the handler updates up to MAX_CONCURRENCY conversations of a batch at once.
        return Durations.measure(strategy.on(client, table, DeploymentContract.Defaults.MAX_CONCURRENCY),
                shape.batches(workload, Workload.streamArn(table)), workload.messages()).nanos();
    }
}
