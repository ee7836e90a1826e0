package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.Fixtures.LONDO;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.devkit.DynamoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bad-input corpus of {@code events/bad/}: each file holds bad records beside good ones. Each
 * bad record gets one clear log line naming it; the good ones are applied; nothing throws.
 */
class BadInputIT extends DynamoDbLocalTestBase {

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.EVENTS.resolve("bad"))) {
            return files.filter(f -> f.toString().endsWith(".json")).map(f -> "bad/" + f.getFileName()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void badRecordsAreReportedOneLineEachAndTheGoodOnesBesideThemAreApplied(String file) {
        DynamodbEvent event = Fixtures.event(file);
        LocalContext context = LocalContext.capturing();

        InvocationReport report = handler().process(event, context);

        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(report.records()).isEqualTo(event.getRecords().size());
        List<String> complaints = context.lines().stream().filter(l -> l.contains("\"level\":\"ERROR\"") || l.contains("\"level\":\"WARN\"")).toList();
        int bad = event.getRecords().size() - report.messages();
        assertThat(complaints).hasSize(bad);
        for (int i = 0; i < complaints.size(); i++) {
            assertThat(complaints.get(i)).doesNotContain("\n");
        }
        for (DynamodbStreamRecord record : event.getRecords()) {
            boolean named = complaints.stream().anyMatch(l -> l.contains("\"eventID\":\"" + record.getEventID() + "\"")
                    && l.contains("\"sequenceNumber\":\"" + record.getDynamodb().getSequenceNumber() + "\""));
            boolean applied = report.groups().stream().anyMatch(g -> g.eventId().equals(record.getEventID()));
            assertThat(named || applied).as("record %s is either reported or applied", record.getEventID()).isTrue();
        }
        // The good record beside the bad ones (Londo's conversation with Bayko) moved to the top.
        if (!event.getRecords().isEmpty()) {
            assertThat(conversationList(LONDO).getFirst()).startsWith(Fixtures.G3 + " 2026-11-21T14:");
        }
    }

    @Test
    void unicodeTextArrivesInTheRowsExactly() {
        DynamodbEvent event = Fixtures.event("bad/unicode.json");
        String text = event.getRecords().getFirst().getDynamodb().getNewImage().get("message").getS();

        handler().handleRequest(event, LocalContext.capturing());

        assertThat(item("GRP#" + Fixtures.ANDREW, "2026-11-21T14:11:00.000000+00:00"))
                .containsEntry("message", AttributeValue.fromS(text));
        assertThat(text).contains("👋🏽", "你好");
    }

    @Test
    void aMessageTooLargeForARowWithBigAttributesIsCutToFitAndTheConversationStillMoves() {
        Map<String, AttributeValue> row = new LinkedHashMap<>(DynamoJson.parseItem("""
                {"pk":{"S":"GRP#big"},"sk":{"S":"2026-11-01T00:00:00Z"},"message_group_uuid":{"S":"g-big"},
                 "message":{"S":"hi"},"user_uuid":{"S":"someone"}}"""));
        row.put("profile", AttributeValue.fromS("p".repeat(250_000)));
        put(row);
        String huge = "é".repeat(100_000); // 200 KB: fits a message item, not this row

        InvocationReport report = handler().process(Events.batch(Events.message("g-big", "2026-11-21T15:00:00Z", huge)),
                LocalContext.capturing());

        assertThat(report.failedSequenceNumbers()).isEmpty();
        String shown = item("GRP#big", "2026-11-21T15:00:00Z").get("message").s();
        assertThat(shown).endsWith("…").hasSizeLessThan(huge.length());
        assertThat(huge).startsWith(shown.substring(0, shown.length() - 1));
    }
}
