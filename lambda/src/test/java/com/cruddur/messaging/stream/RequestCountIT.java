package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request budget: per conversation per batch, however many messages the batch holds for it,
 * one index query page and one transaction (transactional) or one put and one delete per row
 * (put-first). Counted at the SDK, on fixed workloads.
 */
class RequestCountIT extends DynamoDbLocalTestBase {

    @BeforeEach
    void workloadTableOnly() {
        Items.scanAll(admin, TABLE).forEach(i -> admin.deleteItem(b -> b.tableName(TABLE)
                .key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
        requests.reset();
    }

    static List<Workload> workloads() {
        return List.of(Workload.defaults(), Workload.skewed(),
                new Workload(10, 2, 100, 10, 0, 0, 7), new Workload(5, 6, 60, 25, 0.5, 1, 9));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void eachConversationOfABatchCostsOneQueryAndItsWrites(Workload workload) {
        Items.putAll(admin, TABLE, workload.rows(), n -> { });
        List<DynamodbEvent> batches = workload.batches(Workload.streamArn(TABLE));
        int expected = batches.stream().mapToInt(Workload::conversationsIn).sum();

        for (DynamodbEvent batch : batches) {
            assertThat(handler().process(batch, LocalContext.capturing()).failedSequenceNumbers()).isEmpty();
        }

        Map<String, Integer> writes = writesFor(expected, workload.participants());
        List<String> operations = new ArrayList<>(writes.keySet());
        operations.add("Query");
        assertThat(requests.snapshot()).containsOnlyKeys(operations);
        assertThat(requests.count("Query")).isEqualTo(expected);
        writes.forEach((operation, count) -> assertThat(requests.count(operation)).as(operation).isEqualTo(count));
        if (workload.equals(Workload.defaults())) {
            // 100 messages to 10 two-person conversations in one batch: 20 requests (transactional)
            // or 50 (put-first), not the original 500.
            assertThat(requests.total()).isEqualTo(writeMode == WriteMode.TRANSACTIONAL ? 20 : 50);
        }
    }
}
