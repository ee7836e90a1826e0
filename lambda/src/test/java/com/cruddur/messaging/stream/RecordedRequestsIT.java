package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.Fixtures.ANDREW;
import static com.cruddur.messaging.stream.Fixtures.BAYKO;
import static com.cruddur.messaging.stream.Fixtures.G1;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LocalContext;
import com.cruddur.messaging.devkit.RequestRecorder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The recorder names what IAM authorizes: the index query, and each item action of a transaction. */
class RecordedRequestsIT extends DynamoDbLocalTestBase {

    @Test
    void aNewMessageNeedsAQueryOfTheIndexAndATransactionalDeleteAndPutPerParticipantRow() {
        // given: a client recorded by its own recorder (and the shared one, like every handler client)
        RequestRecorder recorder = new RequestRecorder();
        try (DynamoDbClient recorded = handlerClient(recorder)) {
            // when
            InvocationReport report = new MessageGroupStreamHandler(recorded, Config.defaults(), d -> { })
                    .process(Fixtures.event("new-message.json"), LocalContext.capturing());

            // then
            assertThat(report.failedSequenceNumbers()).isEmpty();
        }
        String transaction = ",\"enclosingOperation\":\"TransactWriteItems\"}";
        assertThat(recorder.jsonLines()).containsExactlyInAnyOrder(
                "{\"action\":\"dynamodb:Query\",\"table\":\"cruddur-messages\",\"index\":\"message-group-sk-index\","
                        + "\"partitionKeys\":[\"" + G1 + "\"],\"enclosingOperation\":null}",
                "{\"action\":\"dynamodb:DeleteItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + ANDREW + "\"]" + transaction,
                "{\"action\":\"dynamodb:PutItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + ANDREW + "\"]" + transaction,
                "{\"action\":\"dynamodb:DeleteItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + BAYKO + "\"]" + transaction,
                "{\"action\":\"dynamodb:PutItem\",\"table\":\"cruddur-messages\",\"index\":null,"
                        + "\"partitionKeys\":[\"GRP#" + BAYKO + "\"]" + transaction);
        assertThat(RECORDED.jsonLines()).containsAll(recorder.jsonLines());
    }
}
