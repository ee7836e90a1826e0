package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.Fixtures.ANDREW;
import static com.cruddur.messaging.stream.Fixtures.BAYKO;
import static com.cruddur.messaging.stream.Fixtures.G1;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.RequestRecorder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The recorder names what IAM authorizes: the index query, and each item action, in a transaction or alone. */
class RecordedRequestsIT extends DynamoDbLocalTestBase {

    @Test
    void aNewMessageNeedsAQueryOfTheIndexAndADeleteAndPutPerParticipantRowInsideATransactionOrAlone() {
        // given: a client recorded by its own recorder (and the shared one, like every handler client)
        RequestRecorder recorder = new RequestRecorder();
        recorder.writeMode(writeMode.value());
        try (DynamoDbClient recorded = handlerClient(recorder)) {
            // when
            InvocationReport report = new MessageGroupStreamHandler(recorded, config(), d -> { })
                    .process(Fixtures.event("new-message.json"), LocalContext.capturing());

            // then
            assertThat(report.failedSequenceNumbers()).isEmpty();
        }
        // Transactional: each item action authorized with dynamodb:EnclosingOperation; put-first: plain.
        String enclosing = writeMode == WriteMode.TRANSACTIONAL ? "\"TransactWriteItems\"" : "null";
        String end = ",\"enclosingOperation\":" + enclosing + ",\"writeMode\":\"" + writeMode.value() + "\"}";
        assertThat(recorder.jsonLines()).containsExactlyInAnyOrder(
                "{\"action\":\"dynamodb:Query\",\"table\":\"cruddur-messages\",\"index\":\"message-group-sk-index\","
                        + "\"partitionKeys\":[\"" + G1 + "\"],\"enclosingOperation\":null,\"writeMode\":\"" + writeMode.value() + "\"}",
                "{\"action\":\"dynamodb:DeleteItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + ANDREW + "\"]" + end,
                "{\"action\":\"dynamodb:PutItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + ANDREW + "\"]" + end,
                "{\"action\":\"dynamodb:DeleteItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + BAYKO + "\"]" + end,
                "{\"action\":\"dynamodb:PutItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + BAYKO + "\"]" + end);
        assertThat(RECORDED.jsonLines()).containsAll(recorder.jsonLines());
    }
}
