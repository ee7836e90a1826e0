package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.messaging.schema.DeploymentContract.Metrics;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00.250Z");

    /** Two conversations: one updated on its second attempt, one failed after six; one malformed record. */
    private static InvocationReport report() {
        NewMessage a = new NewMessage("e1", "100", 0, "g-a", "2026-11-21T12:00:00Z", "never logged");
        NewMessage b = new NewMessage("e2", "200", 1, "g-b", "2026-11-21T12:00:01Z", "never logged");
        StreamsEventResponse response = new StreamsEventResponse();
        response.setBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure("200")));
        return new InvocationReport(3, 2, Map.of(), List.of(new Malformed("e3", "300", 2, "bad")),
                List.of(GroupOutcome.of(a, 2, 0, 0, 1, 2, null), GroupOutcome.of(b, 0, 0, 0, 0, 6, "throttled")),
                response, Duration.ofMillis(42));
    }

    private static String line(InvocationReport report) {
        Map<String, Object> doc = new EmbeddedMetrics("Cruddur/Messaging").document(report, "cruddur-messages-stream", AT);
        return StructuredLog.line(AT, LogLevel.UNDEFINED, "req-1", "metrics", doc);
    }

    @Test
    void theMetricsLineIsAValidEmbeddedMetricFormatDocument() {
        String line = line(report());

        assertThat(EmfDocument.problems(line)).isEmpty();
    }

    @Test
    void itCarriesEveryContractMetricWithItsUnitInTheConfiguredNamespaceByFunctionName() {
        JSONObject root = new JSONObject(line(report()));
        JSONObject directive = root.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0);

        assertThat(root.getJSONObject("_aws").getLong("Timestamp")).isEqualTo(AT.toEpochMilli());
        assertThat(directive.getString("Namespace")).isEqualTo("Cruddur/Messaging");
        assertThat(directive.getJSONArray("Dimensions").toList()).isEqualTo(List.of(List.of("FunctionName")));
        assertThat(directive.getJSONArray("Metrics").toList()).containsExactly(
                Map.of("Name", "Records", "Unit", "Count"), Map.of("Name", "Messages", "Unit", "Count"),
                Map.of("Name", "Groups", "Unit", "Count"), Map.of("Name", "GroupsUpdated", "Unit", "Count"),
                Map.of("Name", "GroupsFailed", "Unit", "Count"), Map.of("Name", "MalformedRecords", "Unit", "Count"),
                Map.of("Name", "RowsRecreated", "Unit", "Count"), Map.of("Name", "StaleRows", "Unit", "Count"),
                Map.of("Name", "Attempts", "Unit", "Count"), Map.of("Name", "DurationMs", "Unit", "Milliseconds"));
        assertThat(root.getString(Metrics.DIMENSION)).isEqualTo("cruddur-messages-stream");
        assertThat(Map.of("Records", root.getInt("Records"), "Messages", root.getInt("Messages"),
                "Groups", root.getInt("Groups"), "GroupsUpdated", root.getInt("GroupsUpdated"),
                "GroupsFailed", root.getInt("GroupsFailed"), "MalformedRecords", root.getInt("MalformedRecords"),
                "RowsRecreated", root.getInt("RowsRecreated"), "StaleRows", root.getInt("StaleRows"),
                "Attempts", root.getInt("Attempts"), "DurationMs", root.getInt("DurationMs")))
                .isEqualTo(Map.of("Records", 3, "Messages", 2, "Groups", 2, "GroupsUpdated", 1, "GroupsFailed", 1,
                        "MalformedRecords", 1, "RowsRecreated", 2, "StaleRows", 1, "Attempts", 6, "DurationMs", 42));
        assertThat(root.toString()).doesNotContain("never logged");
    }

    @Test
    void theCheckRejectsDocumentsTheSpecificationRejects() {
        String valid = line(report()).strip();

        assertThat(EmfDocument.problems(valid.replace("\"Timestamp\":" + AT.toEpochMilli(), "\"Timestamp\":\"now\"")))
                .isNotEmpty();
        assertThat(EmfDocument.problems(valid.replace("\"Unit\":\"Count\"", "\"Unit\":\"Things\""))).isNotEmpty();
        assertThat(EmfDocument.problems(valid.replace("\"Records\":3", "\"Records\":\"3\""))).isNotEmpty();
        assertThat(EmfDocument.problems(valid.replace("\"FunctionName\":\"cruddur-messages-stream\"", "\"FunctionName\":7")))
                .isNotEmpty();
        assertThat(EmfDocument.problems(valid.replace("\"Dimensions\":[[\"FunctionName\"]]", "\"Dimensions\":[]")))
                .isNotEmpty();
        assertThat(EmfDocument.problems("{\"message\":" + JSONObject.quote(valid) + "}")).isNotEmpty();
        assertThat(EmfDocument.problems("2026-11-21T12:00:00Z\treq-1\tINFO\t" + valid)).isNotEmpty();
    }
}
