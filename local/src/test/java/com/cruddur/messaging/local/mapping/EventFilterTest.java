package com.cruddur.messaging.local.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.replay.EventFile;
import com.cruddur.messaging.schema.DeploymentContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local filter behaves as Lambda's does with the pattern the CDK app deploys. */
class EventFilterTest {

    private static String record(String eventName, String pk) {
        return """
                {"eventID":"1","eventName":"%s","eventSource":"aws:dynamodb",
                 "dynamodb":{"Keys":{"pk":{"S":"%s"},"sk":{"S":"2026-11-21T12:00:00.000000+00:00"}},
                             "SequenceNumber":"100","StreamViewType":"NEW_IMAGE"}}""".formatted(eventName, pk);
    }

    @Test
    void theDeployedFilterIsParsedFromTheSchemasPatternTheCdkAppDeploys() {
        assertThat(EventFilter.DEPLOYED.pattern()).isEqualTo(DeploymentContract.EVENT_FILTER_PATTERN);
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
    void theSampleEventsAreFilteredAsTheDeployedMappingWould() {
        assertThat(records("new-message.json")).containsExactly(true);
        assertThat(records("modify-latest.json")).containsExactly(true);
        assertThat(records("remove.json")).containsExactly(false);
        assertThat(records("own-group-write.json")).containsExactly(false);
        assertThat(records("multi-conversation-batch.json")).containsOnly(true);
    }

    @Test
    void literalValuesOfOtherTypesMatchByValue() {
        EventFilter filter = EventFilter.parse("{\"n\":[1.0],\"b\":[true],\"z\":[null]}");

        assertThat(filter.matches("{\"n\":1,\"b\":true,\"z\":null}")).isTrue();
        assertThat(filter.matches("{\"n\":2,\"b\":true,\"z\":null}")).isFalse();
        assertThat(filter.matches("{\"n\":1,\"b\":\"true\",\"z\":null}")).isFalse();
        // A record value that is an array matches when any element does.
        assertThat(filter.matches("{\"n\":[3,1],\"b\":[true],\"z\":null}")).isTrue();
    }

    @Test
    void operatorsTheLocalFilterDoesNotImplementAreRejectedRatherThanMisapplied() {
        assertThatThrownBy(() -> EventFilter.parse("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anything-but");
        assertThatThrownBy(() -> EventFilter.parse("{\"eventName\":\"INSERT\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an object or an array");
    }

    private static List<Boolean> records(String file) {
        return EventFile.load(Path.of(CliRun.EVENTS, file)).records().stream().map(EventFilter.DEPLOYED::matches).toList();
    }
}
