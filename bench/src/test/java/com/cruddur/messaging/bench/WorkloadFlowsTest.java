package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.Workload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadFlowsTest {

    private static String flow(String body) {
        return WorkloadFlows.conversationOf(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aQueryOrAPutNamesItsConversationByTheGroupUuid() {
        assertThat(flow("{\"ExpressionAttributeValues\":{\":g\":{\"S\":\"" + Workload.groupUuid(17) + "\"}}}")).isEqualTo("17");
        // A put's item also names the other participant: the same conversation either way.
        assertThat(flow("{\"Item\":{\"pk\":{\"S\":\"GRP#" + Workload.userUuid(42, 1) + "\"},\"message_group_uuid\":{\"S\":\""
                + Workload.groupUuid(42) + "\"}}}")).isEqualTo("42");
    }

    @Test
    void aDeleteByKeyNamesItByItsOwnersUserUuid() {
        assertThat(flow("{\"Key\":{\"pk\":{\"S\":\"GRP#" + Workload.userUuid(7, 1) + "\"},\"sk\":{\"S\":\"x\"}}}")).isEqualTo("7");
    }

    @Test
    void primingsRequestsNameNone() {
        assertThat(flow("{\":g\":{\"S\":\"priming-0f9c2f1e-8d7a-4b1c-9e3f-123456789abc\"}}")).isEmpty();
    }
}
