package com.cruddur.messaging.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.ops.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event files are read as Lambda reads events, and every problem names the file. */
class EventFileTest {

    @TempDir
    Path dir;

    @Test
    void aSampleEventIsDeserializedWithEveryFieldTheHandlerReads() {
        EventFile file = EventFile.load(Path.of(CliRun.EVENTS, "new-message.json"));

        DynamodbEvent.DynamodbStreamRecord record = file.event().getRecords().getFirst();
        assertThat(file.size()).isEqualTo(1);
        assertThat(record.getEventName()).isEqualTo("INSERT");
        assertThat(record.getEventSourceARN()).endsWith("/stream/2026-11-01T00:00:00.000");
        assertThat(record.getDynamodb().getSequenceNumber()).isEqualTo("4100000000012345679000");
        assertThat(record.getDynamodb().getKeys().get("pk").getS()).isEqualTo("MSG#" + CliRun.G1);
        assertThat(record.getDynamodb().getNewImage().get("message").getS()).isEqualTo("Running late, save me a seat");
        assertThat(record.getDynamodb().getApproximateCreationDateTime().toInstant().getEpochSecond())
                .isEqualTo(1763726400L);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> EventFile.load(missing))
                .isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aDirectoryIsNotAnEventFile() {
        assertThatThrownBy(() -> EventFile.load(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(dir + ": is a directory, not a file");
    }

    @Test
    void invalidJsonIsReportedAsSuch() throws IOException {
        Path file = write("broken.json", "{\"Records\": [");

        assertThatThrownBy(() -> EventFile.load(file))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": invalid JSON (");
    }

    @Test
    void anEmptyFileIsInvalidJson() throws IOException {
        Path file = write("empty.json", "  \n");

        assertThatThrownBy(() -> EventFile.load(file)).hasMessage(file + ": invalid JSON (empty file)");
    }

    @Test
    void jsonWithoutRecordsIsNotAStreamEvent() throws IOException {
        Path noRecords = write("x.json", "{\"pk\": {\"S\": \"MSG#1\"}}");
        Path notArray = write("y.json", "{\"Records\": {}}");
        Path array = write("z.json", "[1, 2]");

        assertThatThrownBy(() -> EventFile.load(noRecords)).hasMessage(noRecords + ": not a stream event (no \"Records\" array)");
        assertThatThrownBy(() -> EventFile.load(notArray)).hasMessage(notArray + ": not a stream event (\"Records\" is not an array)");
        assertThatThrownBy(() -> EventFile.load(array))
                .hasMessage(array + ": not a stream event (expected a JSON object with a \"Records\" array)");
    }

    @Test
    void anotherServicesEventIsNotADynamoDbStreamEvent() throws IOException {
        Path sqs = write("sqs.json", "{\"Records\": [{\"messageId\": \"1\", \"eventSource\": \"aws:sqs\", \"body\": \"x\"}]}");

        assertThatThrownBy(() -> EventFile.load(sqs))
                .isInstanceOf(InputException.class)
                .hasMessage(sqs + ": not a DynamoDB stream event (record 0 comes from aws:sqs)");
    }

    @Test
    void streamRecordsCopiedFromGetRecordsOutputAreAcceptedWithoutTheirArn() throws IOException {
        // `aws dynamodbstreams get-records` prints records without eventSourceARN, plus NextShardIterator.
        String record = Files.readString(Path.of(CliRun.EVENTS, "new-message.json"))
                .replaceAll(",\\s*\"eventSourceARN\": \"[^\"]*\"", "")
                .replaceFirst("\\{", "{\"NextShardIterator\": \"arn:aws:dynamodb:...|1|AAA\",");
        Path file = write("get-records.json", record);

        EventFile event = EventFile.load(file);

        assertThat(event.size()).isEqualTo(1);
        assertThat(event.event().getRecords().getFirst().getEventSourceARN()).isNull();
    }

    @Test
    void anIsoCreationTimeAsTheAwsCliPrintsItIsReadAsLambdaReadsItThatIsAsAbsent() throws IOException {
        String event = Files.readString(Path.of(CliRun.EVENTS, "new-message.json"))
                .replace("\"ApproximateCreationDateTime\": 1763726400.0", "\"ApproximateCreationDateTime\": \"2025-11-21T12:00:00+00:00\"");
        Path file = write("iso.json", event);

        EventFile loaded = EventFile.load(file);

        // Lambda's serializer only reads epoch seconds there; the handler does not use the field.
        assertThat(loaded.size()).isEqualTo(1);
        assertThat(loaded.event().getRecords().getFirst().getDynamodb().getApproximateCreationDateTime()).isNull();
        assertThat(loaded.event().getRecords().getFirst().getDynamodb().getSequenceNumber()).isEqualTo("4100000000012345679000");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
