package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingIT extends DynamoDbLocalTestBase {

    @Test
    void primingSendsAQueryAndAWriteItsOwnConditionRefusesAndWritesNothing() {
        List<String> before = allItems().stream().map(DynamoJson::format).toList();

        handler().prime();

        assertThat(allItems().stream().map(DynamoJson::format).toList()).isEqualTo(before);
        // A cancelled transaction, or (put-first) the delete alone: its put would go through.
        assertThat(requests.snapshot()).containsOnly(java.util.Map.entry("Query", 1),
                java.util.Map.entry(writeMode == WriteMode.TRANSACTIONAL ? "TransactWriteItems" : "DeleteItem", 1));
    }
}
