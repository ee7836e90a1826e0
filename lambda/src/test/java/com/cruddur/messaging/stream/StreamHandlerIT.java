package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.Fixtures.ANDREW;
import static com.cruddur.messaging.stream.Fixtures.BAYKO;
import static com.cruddur.messaging.stream.Fixtures.G1;
import static com.cruddur.messaging.stream.Fixtures.G2;
import static com.cruddur.messaging.stream.Fixtures.G3;
import static com.cruddur.messaging.stream.Fixtures.LONDO;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.stream.InvocationReport.SkipReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The real handler on the sample events of {@code events/}, against DynamoDB Local. */
class StreamHandlerIT extends DynamoDbLocalTestBase {

    private static final String SEED_G1 = "2026-11-20T09:00:00.000000+00:00";
    private static final String SEED_G2 = "2026-11-20T10:30:00.000000+00:00";
    private static final String SEED_G3 = "2026-11-20T08:00:00.000000+00:00";

    @Test
    void newMessageRecreatesBothRowsAtTheNewSortKeyKeepingEveryOtherAttribute() {
        Map<String, AttributeValue> before = item("GRP#" + ANDREW, SEED_G1);

        StreamsEventResponse response = handler().handleRequest(Fixtures.event("new-message.json"), LocalContext.capturing());

        String sk = "2026-11-21T12:00:00.000000+00:00";
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(item("GRP#" + ANDREW, SEED_G1)).isNull();
        assertThat(item("GRP#" + BAYKO, SEED_G1)).isNull();
        Map<String, AttributeValue> expected = new java.util.LinkedHashMap<>(before);
        expected.put("sk", AttributeValue.fromS(sk));
        expected.put("message", AttributeValue.fromS("Running late, save me a seat"));
        assertThat(item("GRP#" + ANDREW, sk)).isEqualTo(expected);
        assertThat(item("GRP#" + BAYKO, sk))
                .containsEntry("message_group_uuid", AttributeValue.fromS(G1))
                .containsEntry("message", AttributeValue.fromS("Running late, save me a seat"))
                .containsEntry("user_uuid", AttributeValue.fromS(ANDREW))
                .containsEntry("user_handle", AttributeValue.fromS("andrewbrown"))
                .containsEntry("user_display_name", AttributeValue.fromS("Andrew Brown"));
        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " " + sk + " Running late, save me a seat",
                G2 + " " + SEED_G2 + " The council meets at noon");
    }

    @Test
    void everyRecordOfABatchCountsAndEachConversationCostsOneQueryAndItsWrites() {
        InvocationReport report = handler().process(Fixtures.event("multi-conversation-batch.json"), LocalContext.capturing());

        // Each conversation shows its newest message, whatever the order of the records.
        assertThat(conversationList(ANDREW)).containsExactly(
                G2 + " 2026-11-21T12:05:00.000000+00:00 I will be there",
                G1 + " 2026-11-21T12:04:00.000000+00:00 Found a seat for you");
        assertThat(conversationList(BAYKO)).containsExactly(
                G1 + " 2026-11-21T12:04:00.000000+00:00 Found a seat for you",
                G3 + " 2026-11-21T12:03:00.000000+00:00 Yes, thank you");
        assertThat(conversationList(LONDO)).containsExactly(
                G2 + " 2026-11-21T12:05:00.000000+00:00 I will be there",
                G3 + " 2026-11-21T12:03:00.000000+00:00 Yes, thank you");
        // Six records, three two-person conversations: one index query each, and one transaction
        // each (transactional) or a put and a delete per row (put-first).
        assertThat(report.records()).isEqualTo(6);
        assertThat(report.groups()).hasSize(3);
        assertThat(report.rowsRecreated()).isEqualTo(6);
        Map<String, Integer> expected = new java.util.HashMap<>(writesFor(3, 2));
        expected.put("Query", 3);
        assertThat(requests.snapshot()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void deliveringTheSameBatchTwiceLeavesTheTableAsDeliveringItOnce() {
        DynamodbEvent batch = Fixtures.event("multi-conversation-batch.json");
        handler().handleRequest(batch, LocalContext.capturing());
        List<String> once = dump();
        requests.reset();

        InvocationReport again = handler().process(Fixtures.event("multi-conversation-batch.json"), LocalContext.capturing());

        assertThat(dump()).isEqualTo(once);
        assertThat(again.rowsRecreated()).isZero();
        assertThat(requests.snapshot()).containsOnlyKeys("Query");
    }

    @Test
    void anOlderMessageDeliveredLateNeverMovesAConversationBackwards() {
        handler().handleRequest(Fixtures.event("multi-conversation-batch.json"), LocalContext.capturing());
        List<String> newer = dump();

        InvocationReport late = handler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(dump()).isEqualTo(newer);
        assertThat(late.staleRows()).isEqualTo(2);
        assertThat(late.groupsUpdated()).isZero();
    }

    @Test
    void anEditOfTheLatestMessageUpdatesTheRowsInPlace() {
        InvocationReport report = handler().process(Fixtures.event("modify-latest.json"), LocalContext.capturing());

        assertThat(report.rowsEdited()).isEqualTo(2);
        assertThat(report.rowsRecreated()).isZero();
        assertThat(item("GRP#" + ANDREW, SEED_G2)).containsEntry("message",
                AttributeValue.fromS("The council meets at one, not noon"));
        assertThat(item("GRP#" + LONDO, SEED_G2)).containsEntry("message",
                AttributeValue.fromS("The council meets at one, not noon"));
    }

    @Test
    void removeEventsAndTheHandlersOwnGroupWritesChangeNothingAndSendNoRequest() {
        List<String> before = dump();

        InvocationReport remove = handler().process(Fixtures.event("remove.json"), LocalContext.capturing());
        InvocationReport own = handler().process(Fixtures.event("own-group-write.json"), LocalContext.capturing());

        assertThat(remove.skipped()).containsEntry(SkipReason.REMOVE, 1);
        assertThat(own.skipped()).containsEntry(SkipReason.NOT_A_MESSAGE, 1);
        assertThat(dump()).isEqualTo(before);
        assertThat(requests.total()).isZero();
    }

    @Test
    void malformedRecordsAreLoggedWithTheirIdsAndTheGoodOnesBesideThemAreApplied() {
        DynamodbEvent event = Fixtures.event("malformed-among-good.json");
        LocalContext context = LocalContext.capturing();

        StreamsEventResponse response = handler().handleRequest(event, context);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(conversationList(ANDREW)).first().asString().startsWith(G1 + " 2026-11-21T13:00:00.000000+00:00 On my way");
        assertThat(conversationList(LONDO)).first().asString().startsWith(G3 + " 2026-11-21T13:02:00.000000+00:00 Meet at the usual place");
        assertThat(item("GRP#" + LONDO, SEED_G2)).isNotNull();
        List<String> errors = context.linesWith("malformed_record");
        assertThat(errors).hasSize(2);
        var second = event.getRecords().get(1);
        var third = event.getRecords().get(2);
        assertThat(errors.get(0)).contains("\"level\":\"ERROR\"")
                .contains("\"eventID\":\"" + second.getEventID() + "\"")
                .contains("\"sequenceNumber\":\"" + second.getDynamodb().getSequenceNumber() + "\"")
                .contains("key sk is not an ISO-8601 timestamp");
        assertThat(errors.get(1)).contains("\"eventID\":\"" + third.getEventID() + "\"")
                .contains("\"sequenceNumber\":\"" + third.getDynamodb().getSequenceNumber() + "\"")
                .contains("NewImage.message is not a string");
    }

    @Test
    void logsCarryCountsAndIdsButNeverMessageTextOrNames() {
        LocalContext context = LocalContext.capturing();

        handler().handleRequest(Fixtures.event("multi-conversation-batch.json"), context);
        handler().handleRequest(Fixtures.event("malformed-among-good.json"), context);

        assertThat(context.linesWith("batch_processed")).hasSize(2);
        assertThat(context.linesWith("batch_processed").getFirst())
                .contains("\"records\":6", "\"groups\":3", "\"rowsRecreated\":6", "\"groupsFailed\":0", "\"staleRows\":0");
        String all = String.join("\n", context.lines());
        for (Map<String, AttributeValue> seeded : Fixtures.seedItems()) {
            assertThat(all).doesNotContain(seeded.get("message").s())
                    .doesNotContain(seeded.get("user_display_name").s())
                    .doesNotContain("\"" + seeded.get("user_handle").s() + "\"");
        }
        assertThat(all).doesNotContain("Found a seat for you", "On my way", "Bad timestamp");
    }

    @Test
    void messageItemsThatCarryTheGroupIdAreNeverTouched() {
        Map<String, AttributeValue> message = DynamoJson.parseItem("""
                {"pk":{"S":"MSG#%s"},"sk":{"S":"2026-11-20T07:00:00.000000+00:00"},
                 "message_group_uuid":{"S":"%s"},"message":{"S":"an old message"},"user_uuid":{"S":"%s"}}
                """.formatted(G1, G1, ANDREW));
        put(message);

        handler().handleRequest(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(item("MSG#" + G1, "2026-11-20T07:00:00.000000+00:00")).isEqualTo(message);
    }

    @Test
    void theSampleRemoveOfAnotherConversationLeavesItsRowsAlone() {
        handler().handleRequest(Fixtures.event("remove.json"), LocalContext.capturing());

        assertThat(item("GRP#" + BAYKO, SEED_G3)).isNotNull();
        assertThat(item("GRP#" + LONDO, SEED_G3)).isNotNull();
    }

    private static List<String> dump() {
        return allItems().stream().map(DynamoJson::format).toList();
    }
}
