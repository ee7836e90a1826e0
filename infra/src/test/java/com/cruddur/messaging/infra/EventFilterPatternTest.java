package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * The event source mapping's filter ({@link DeploymentContract#EVENT_FILTER_PATTERN}, deployed as
 * is) run by AWS's event-pattern engine, event-ruler (the engine of EventBridge and Lambda event
 * filtering), on stream records as Lambda delivers them: every record of every sample event in
 * {@code events/}, and records made here for each event name and look-alike keys.
 */
class EventFilterPatternTest {

    private static final Path EVENTS = Path.of("..", "events");

    /**
     * Per sample event file, whether each of its records reaches the function. New and edited
     * messages (INSERT, MODIFY of MSG# items) do, even when their content is malformed: the handler
     * names and skips those. REMOVE events, the handler's own GRP# writes, a key that is not a
     * string, a record without keys and an unknown event name never do.
     */
    private static final Map<String, List<Boolean>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("malformed-among-good.json", List.of(true, true, true, true));
        EXPECTED.put("modify-latest.json", List.of(true));
        EXPECTED.put("multi-conversation-batch.json", List.of(true, true, true, true, true, true));
        EXPECTED.put("new-message.json", List.of(true));
        EXPECTED.put("own-group-write.json", List.of(false));
        EXPECTED.put("remove.json", List.of(false));
        EXPECTED.put("bad/empty-records.json", List.of());
        EXPECTED.put("bad/huge-message.json", List.of(true, true));
        EXPECTED.put("bad/ill-typed-keys.json", List.of(false, true, true));
        EXPECTED.put("bad/invalid-timestamp.json", List.of(true, true));
        EXPECTED.put("bad/missing-keys.json", List.of(false, true));
        EXPECTED.put("bad/no-new-image.json", List.of(true, true));
        EXPECTED.put("bad/non-string-message.json", List.of(true, true, true));
        EXPECTED.put("bad/other-table.json", List.of(true, true));
        EXPECTED.put("bad/unicode.json", List.of(true, true));
        EXPECTED.put("bad/unknown-event-name.json", List.of(false, true));
    }

    private static Machine filter;

    @BeforeAll
    static void compileTheDeployedPattern() throws IOException {
        assertThat(RuleCompiler.check(DeploymentContract.EVENT_FILTER_PATTERN)).as("pattern error").isNull();
        filter = new Machine();
        filter.addRule("stream-filter", DeploymentContract.EVENT_FILTER_PATTERN);
    }

    @Test
    void everyStreamEventFileInEventsIsClassified() throws IOException {
        // seed/ holds table items, bad/files/ the CLI's bad input files: neither is a stream event.
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(EVENTS)) {
            walk.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> EVENTS.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("seed/") && !p.startsWith("bad/files/"))
                    .forEach(files::add);
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    static Stream<Arguments> eventFiles() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("eventFiles")
    void sampleEventRecordsReachTheFunctionExactlyWhenTheyAreNewOrEditedMessages(String file, List<Boolean> expected)
            throws Exception {
        JsonNode event = NodeTools.JSON.readTree(EVENTS.resolve(file).toFile());
        List<Boolean> matched = new ArrayList<>();
        for (JsonNode record : event.get("Records")) {
            matched.add(matches(NodeTools.JSON.writeValueAsString(record)));
        }
        assertThat(matched).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of pk {1}: {2}")
    @MethodSource("eventNamesAndKeys")
    void onlyInsertAndModifyOfKeysThatBeginWithMsgHashReachTheFunction(String eventName, String pk, boolean expected)
            throws Exception {
        assertThat(matches(record(eventName, "{\"S\":" + NodeTools.JSON.writeValueAsString(pk) + "}"))).isEqualTo(expected);
    }

    static Stream<Arguments> eventNamesAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (String eventName : List.of("INSERT", "MODIFY", "REMOVE")) {
            boolean message = !"REMOVE".equals(eventName);
            cases.add(Arguments.of(eventName, "MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399", message));
            cases.add(Arguments.of(eventName, "MSG#", message));
            cases.add(Arguments.of(eventName, "GRP#90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11", false));
            cases.add(Arguments.of(eventName, "msg#5ae290ed-55d1-47a0-bc6d-fe2bc2700399", false));
            cases.add(Arguments.of(eventName, "Msg#5ae290ed", false));
            cases.add(Arguments.of(eventName, "MSG5ae290ed", false));
            cases.add(Arguments.of(eventName, "MSG-5ae290ed", false));
            cases.add(Arguments.of(eventName, " MSG#5ae290ed", false));
            cases.add(Arguments.of(eventName, "XMSG#5ae290ed", false));
            cases.add(Arguments.of(eventName, "GRP#MSG#5ae290ed", false));
            cases.add(Arguments.of(eventName, "ＭSG#5ae290ed", false)); // fullwidth M
        }
        return cases.stream();
    }

    @Test
    void eventNamesAreCaseSensitiveAndKeysMustBeStrings() throws Exception {
        assertThat(matches(record("insert", "{\"S\":\"MSG#a\"}"))).isFalse();
        assertThat(matches(record("Modify", "{\"S\":\"MSG#a\"}"))).isFalse();
        assertThat(matches(record("INSERT", "{\"B\":\"TVNHI2E=\"}"))).isFalse();
        assertThat(matches(record("INSERT", "{\"N\":\"1\"}"))).isFalse();
        assertThat(matches(record("INSERT", "{\"SS\":[\"MSG#a\"]}"))).isFalse();
        assertThat(matches("{\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"pk\":{\"S\":\"MSG#a\"}}}}")).isFalse();
    }

    private static boolean matches(String record) throws Exception {
        return !filter.rulesForEvent(record).isEmpty();
    }

    /** A DynamoDB stream record as Lambda delivers it, with the given event name and key {@code pk}. */
    private static String record(String eventName, String pk) {
        return "{\"eventID\":\"1\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1763726400.0,"
                + "\"Keys\":{\"pk\":" + pk + ",\"sk\":{\"S\":\"2026-11-21T12:00:00.000000+00:00\"}},"
                + "\"SequenceNumber\":\"4100000000012345679000\",\"SizeBytes\":250,\"StreamViewType\":\"NEW_IMAGE\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages/stream/"
                + "2026-01-01T00:00:00.000\"}";
    }
}
