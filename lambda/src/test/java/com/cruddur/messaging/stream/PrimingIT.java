package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingIT extends DynamoDbLocalTestBase {

    @Test
    void primingSendsAQueryAndACancelledTransactionAndWritesNothing() {
        List<String> before = allItems().stream().map(DynamoJson::format).toList();

        handler().prime();

        assertThat(allItems().stream().map(DynamoJson::format).toList()).isEqualTo(before);
        assertThat(requests.snapshot()).containsEntry("Query", 1).containsEntry("TransactWriteItems", 1);
    }
}
