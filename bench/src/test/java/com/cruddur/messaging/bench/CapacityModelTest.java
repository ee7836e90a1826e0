package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's capacity rules, on the examples its developer guide and pricing page give. */
class CapacityModelTest {

    @Test
    void aWriteCostsOneUnitPerKilobyteRoundedUp() {
        // "a standard write request of a 1 KB item would require one WCU, ... of a 3 KB item three"
        assertThat(CapacityModel.writeUnits(1024)).isEqualTo(1);
        assertThat(CapacityModel.writeUnits(3 * 1024)).isEqualTo(3);
        assertThat(CapacityModel.writeUnits(3 * 1024 + 1)).isEqualTo(4);
        assertThat(CapacityModel.writeUnits(10)).isEqualTo(1);
    }

    @Test
    void anEventuallyConsistentQueryCostsHalfAUnitPerFourKilobytesOfWhatItReturns() {
        // "an eventually consistent read of an 8 KB item would require one RCU"
        assertThat(CapacityModel.queryReadUnits(List.of(item("x".repeat(8 * 1024 - 17))))).isEqualTo(1);
        // two small rows on one page: rounded once, up to 4 KB
        assertThat(CapacityModel.queryReadUnits(List.of(item("a"), item("b")))).isEqualTo(0.5);
    }

    @Test
    void aTransactionalWriteCostsTwoUnitsPerKilobyte() {
        // "Transactional write requests require 2 WCUs to perform one write per second for items up to 1 KB"
        assertThat(CapacityModel.transactionalWriteUnits(1024)).isEqualTo(2);
        assertThat(CapacityModel.transactionalWriteUnits(3 * 1024)).isEqualTo(6);
    }

    private static Map<String, AttributeValue> item(String message) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("GRP#u"));
        item.put("sk", AttributeValue.fromS("t"));
        item.put("message", AttributeValue.fromS(message));
        return item;
    }
}
