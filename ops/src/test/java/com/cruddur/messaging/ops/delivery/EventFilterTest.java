package com.cruddur.messaging.ops.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local filter, AWS's event-ruler, with the pattern the CDK app deploys. */
class EventFilterTest {

    private static String record(String eventName, String pk) {
        return """
                {"eventID":"1","eventName":"%s","eventSource":"aws:dynamodb",
                 "dynamodb":{"Keys":{"pk":{"S":"%s"},"sk":{"S":"2026-11-21T12:00:00.000000+00:00"}},
                             "SequenceNumber":"100","StreamViewType":"NEW_IMAGE"}}""".formatted(eventName, pk);
    }

    @ParameterizedTest(name = "{0} of {1} -> delivered: {2}")
    @CsvSource({
        "INSERT, MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399, true",
        "MODIFY, MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399, true",
        "REMOVE, MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399, false",
        "INSERT, GRP#90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11, false",
        "MODIFY, GRP#90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11, false",
        "REMOVE, GRP#90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11, false",
        "INSERT, msg#lowercase, false",
        "INSERT, XMSG#prefix-is-anchored, false",
    })
    void onlyInsertsAndModificationsOfMessageItemsAreDelivered(String eventName, String pk, boolean delivered) {
        assertThat(EventFilter.DEPLOYED.matches(record(eventName, pk))).isEqualTo(delivered);
    }

    @Test
    void aRecordMissingAFieldOfThePatternIsNotDelivered() {
        assertThat(EventFilter.DEPLOYED.matches("{\"eventName\":\"INSERT\"}")).isFalse();
        assertThat(EventFilter.DEPLOYED.matches("{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{}}}")).isFalse();
        // A number where the pattern wants a string prefix.
        assertThat(EventFilter.DEPLOYED.matches(
                "{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"pk\":{\"N\":1}}}}")).isFalse();
    }

    @Test
    void theSampleEventsAreFilteredAsTheDeployedMappingWould() throws IOException {
        assertThat(records("new-message.json")).containsExactly(true);
        assertThat(records("modify-latest.json")).containsExactly(true);
        assertThat(records("remove.json")).containsExactly(false);
        assertThat(records("own-group-write.json")).containsExactly(false);
        assertThat(records("multi-conversation-batch.json")).containsOnly(true);
    }

    @Test
    void everyPatternFeatureOfLambdaFilteringIsAvailableBecauseTheEngineIsAwsOwn() {
        // Operators the hand-written matcher of old rejected: event-ruler runs them as Lambda does.
        EventFilter notRemoved = EventFilter.parse("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}");
        EventFilter withText = EventFilter.parse("{\"dynamodb\":{\"NewImage\":{\"message\":{\"S\":[{\"exists\":true}]}}}}");

        assertThat(notRemoved.matches(record("MODIFY", "MSG#g"))).isTrue();
        assertThat(notRemoved.matches(record("REMOVE", "MSG#g"))).isFalse();
        assertThat(withText.matches(record("INSERT", "MSG#g"))).isFalse();
        assertThat(withText.matches("{\"dynamodb\":{\"NewImage\":{\"message\":{\"S\":\"hi\"}}}}")).isTrue();
    }

    @Test
    void aPatternTheEngineRejectsIsAnErrorNamingTheProblem() {
        assertThatThrownBy(() -> EventFilter.parse("{\"eventName\":\"INSERT\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("filter pattern: ");
        assertThatThrownBy(() -> EventFilter.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("filter pattern: ");
    }

    /** Whether the deployed filter passes each record of a sample event file (the module's tests run in ops/). */
    private static List<Boolean> records(String file) throws IOException {
        List<Boolean> passed = new ArrayList<>();
        new ObjectMapper().readTree(Path.of("..", "events", file).toFile()).get("Records")
                .forEach(record -> passed.add(EventFilter.DEPLOYED.matches(record)));
        return passed;
    }
}
