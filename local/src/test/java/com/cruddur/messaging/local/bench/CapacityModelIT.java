package com.cruddur.messaging.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The capacity model (DynamoDB's documented rules) against the capacity DynamoDB Local reports,
 * for every strategy, shape and group size the benchmark measures: where both exist they must
 * agree, unit for unit, so that a figure of either can be trusted for the other. DynamoDB Local
 * reports a transaction's capacity wrongly (see CapacityMeter); there the rule that a
 * transactional write costs twice a plain one links the model to the measured plain writes.
 */
class CapacityModelIT extends LocalDynamoDbTestBase {

    /** Every strategy on every shape with two participants, and on bursts of group chats of 5 and 20. */
    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            for (TrafficShape shape : TrafficShape.values()) {
                cases.add(Arguments.of(strategy, shape, 2));
            }
            cases.add(Arguments.of(strategy, TrafficShape.BURST, 5));
            cases.add(Arguments.of(strategy, TrafficShape.BURST, 20));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, {2} participants")
    @MethodSource("cases")
    void theReportedCapacityIsWhatDynamoDbsRulesSay(Strategy strategy, TrafficShape shape, int participants) {
        // given: a small workload
        Workload workload = new Workload(6, participants, 16, 100, 0, 0, 11);
        CapacityMeter meter = new CapacityMeter();

        // when
        try (DynamoDbClient client = LocalDynamoDb.clientBuilder(dynamoDb.endpoint(), meter).build()) {
            run(strategy, workload, shape, client);
        }

        // then: the index queries and the plain writes as DynamoDB Local reports them
        CapacityMeter.Units measured = meter.snapshot();
        CapacityMeter.Units expected = CapacityModel.expected(strategy, workload, shape.batches(workload, Workload.streamArn("any")));
        assertThat(measured.unmetered()).as("requests that reported no capacity").isZero();
        assertThat(measured.indexRead()).as("index read units").isEqualTo(expected.indexRead());
        assertThat(measured.tableRead()).as("table read units").isZero();
        if (strategy == Strategy.TRANSACTIONAL) {
            // DynamoDB Local misreports transactions: the rule is that a transactional write costs
            // twice the plain one, i.e. twice what put-first's plain writes were measured to cost.
            assertThat(measured.transactions()).isPositive();
            CapacityMeter.Units plain = CapacityModel.expected(Strategy.PUT_FIRST, workload,
                    shape.batches(workload, Workload.streamArn("any")));
            assertThat(expected.tableWrite()).isEqualTo(2 * plain.tableWrite());
            assertThat(expected.indexWrite()).isEqualTo(2 * plain.indexWrite());
        } else {
            assertThat(measured.transactions()).isZero();
            assertThat(measured.tableWrite()).as("table write units").isEqualTo(expected.tableWrite());
            assertThat(measured.indexWrite()).as("index write units").isEqualTo(expected.indexWrite());
        }
        assertThat(expected.write()).isPositive();
    }

    private static void run(Strategy strategy, Workload workload, TrafficShape shape, DynamoDbClient client) {
        String table = "model-" + strategy.label() + "-" + shape.label() + "-" + workload.participants();
        TableDefinitions.createTable(admin, table);
        Items.putAll(admin, table, workload.rows(), n -> { });
        var invoke = strategy.on(client, table, 8);
        shape.batches(workload, Workload.streamArn(table)).forEach(invoke);
    }
}
