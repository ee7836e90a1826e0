package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingIT extends DynamoDbLocalTestBase {

    @Test
    void primingSendsQueriesAndWritesTheirOwnConditionsRefuseAndWritesNothing() {
        List<String> before = allItems().stream().map(DynamoJson::format).toList();

        handler().prime();

        assertThat(allItems().stream().map(DynamoJson::format).toList()).isEqualTo(before);
        // Per primed conversation: a query, then a cancelled transaction, or (put-first) a put and a
        // delete each refused by its condition. Per record of a primed batch: a query, finding nothing
        // to update, so no write.
        int conversations = Priming.CONVERSATIONS_AT_ONCE * Priming.ROUNDS;
        int batchRecords = Priming.BATCH_RECORDS * Priming.BATCH_ROUNDS;
        assertThat(conversations).isGreaterThan(1);
        assertThat(batchRecords).isGreaterThan(1);
        if (writeMode == WriteMode.TRANSACTIONAL) {
            assertThat(requests.snapshot()).containsOnly(java.util.Map.entry("Query", conversations + batchRecords),
                    java.util.Map.entry("TransactWriteItems", conversations));
        } else {
            assertThat(requests.snapshot()).containsOnly(java.util.Map.entry("Query", conversations + batchRecords),
                    java.util.Map.entry("PutItem", conversations), java.util.Map.entry("DeleteItem", conversations));
        }
    }
}
