package com.cruddur.messaging.stream;

import com.cruddur.messaging.devkit.LocalContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.Workload;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request budget: one index query page and one transaction per conversation per batch,
 * however many messages the batch holds for it. Counted at the SDK, on fixed workloads.
 */
class RequestCountIT extends DynamoDbLocalTestBase {

    @BeforeEach
    void workloadTableOnly() {
        Items.scanAll(admin, TABLE).forEach(i -> admin.deleteItem(b -> b.tableName(TABLE)
                .key(java.util.Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
        requests.reset();
    }

    static List<Workload> workloads() {
        return List.of(Workload.defaults(), Workload.skewed(),
                new Workload(10, 2, 100, 10, 0, 0, 7), new Workload(5, 6, 60, 25, 0.5, 1, 9));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void eachConversationOfABatchCostsOneQueryAndOneTransaction(Workload workload) {
        Items.putAll(admin, TABLE, workload.rows(), n -> { });
        List<DynamodbEvent> batches = workload.batches(Workload.streamArn(TABLE));
        int expected = batches.stream().mapToInt(Workload::conversationsIn).sum();

        for (DynamodbEvent batch : batches) {
            assertThat(handler().process(batch, LocalContext.capturing()).failedSequenceNumbers()).isEmpty();
        }

        assertThat(requests.snapshot()).containsOnlyKeys("Query", "TransactWriteItems");
        assertThat(requests.count("Query")).isEqualTo(expected);
        assertThat(requests.count("TransactWriteItems")).isEqualTo(expected);
        if (workload.equals(Workload.defaults())) {
            // 100 messages to 10 conversations in one batch: 20 requests, not the original 500.
            assertThat(requests.total()).isEqualTo(20);
        }
    }
}
