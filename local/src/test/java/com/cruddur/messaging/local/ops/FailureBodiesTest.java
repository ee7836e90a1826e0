package com.cruddur.messaging.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.local.InputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure messages saved by hand: the shapes people have them in. */
class FailureBodiesTest {

    private static final String BODY = "{\"DDBStreamBatchInfo\":{\"shardId\":\"s\"}}";

    private static List<FailureQueue.Message> read(String text) {
        return FailureBodies.read(text.getBytes(StandardCharsets.UTF_8), "saved.json");
    }

    @Test
    void theOutputOfAwsSqsReceiveMessageGivesEachMessagesBodyAndId() {
        String received = "{\"Messages\":[{\"MessageId\":\"m-1\",\"ReceiptHandle\":\"r\",\"Body\":"
                + "\"{\\\"DDBStreamBatchInfo\\\":{\\\"shardId\\\":\\\"s\\\"}}\"}]}";

        assertThat(read(received)).containsExactly(new FailureQueue.Message("m-1", BODY, null, null));
    }

    @Test
    void oneBodyAnArrayOfBodiesAndJsonLinesAreEachRead() {
        assertThat(read(BODY)).extracting(FailureQueue.Message::body).containsExactly(BODY);
        assertThat(read("[" + BODY + ",\"" + BODY.replace("\"", "\\\"") + "\"]")).extracting(FailureQueue.Message::body)
                .containsExactly(BODY, BODY);
        assertThat(read(BODY + "\n" + BODY + "\n")).extracting(FailureQueue.Message::id)
                .containsExactly("saved.json #1", "saved.json #2");
    }

    @Test
    void textThatHoldsNoFailureMessageIsNamed() {
        assertThatThrownBy(() -> read("not json")).isInstanceOf(InputException.class).hasMessageStartingWith("saved.json: not JSON");
        assertThatThrownBy(() -> read("")).isInstanceOf(InputException.class).hasMessage("saved.json: no failure message in it");
        assertThatThrownBy(() -> read("42")).isInstanceOf(InputException.class)
                .hasMessage("saved.json: expected failure messages (JSON objects), found NUMBER");
        assertThatThrownBy(() -> read("{\"Messages\":[{\"MessageId\":\"m\"}]}")).isInstanceOf(InputException.class)
                .hasMessage("saved.json: a message of \"Messages\" has no \"Body\"");
    }
}
