package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

class StructuredLogTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00.123456Z");

    @Test
    void aLineIsOneJsonObjectWithTheRuntimesMembersFirstAndEscapedStringsNumbersListsAndMaps() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("problem", "quote \" backslash \\ newline \n control \u0001");
        fields.put("records", 3);
        fields.put("failures", List.of("1", "2"));
        fields.put("skipped", Map.of("remove", 1));
        fields.put("eventID", null);

        String line = StructuredLog.line(AT, LogLevel.ERROR, "req-1", "malformed_record", fields);

        assertThat(line).isEqualTo("{\"timestamp\":\"2026-11-21T12:00:00.123Z\",\"level\":\"ERROR\",\"AWSRequestId\":\"req-1\","
                + "\"event\":\"malformed_record\","
                + "\"problem\":\"quote \\\" backslash \\\\ newline \\n control \\u0001\",\"records\":3,"
                + "\"failures\":[\"1\",\"2\"],\"skipped\":{\"remove\":1},\"eventID\":null}\n");
        // One line, and a JSON object a parser reads without a second parse.
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode parsed = JsonNode.parser().parse(line);
        assertThat(parsed.field("event").get().asString()).isEqualTo("malformed_record");
        assertThat(parsed.field("problem").get().asString()).isEqualTo("quote \" backslash \\ newline \n control \u0001");
    }

    @Test
    void aLineWithoutARequestOmitsTheRequestIdAndTheMetricsLineHasNoLevel() {
        assertThat(StructuredLog.line(AT, LogLevel.INFO, null, "primed", Map.of()))
                .isEqualTo("{\"timestamp\":\"2026-11-21T12:00:00.123Z\",\"level\":\"INFO\",\"event\":\"primed\"}\n");
        assertThat(StructuredLog.line(AT, LogLevel.UNDEFINED, "r", "metrics", Map.of()))
                .isEqualTo("{\"timestamp\":\"2026-11-21T12:00:00.123Z\",\"AWSRequestId\":\"r\",\"event\":\"metrics\"}\n");
    }

    @Test
    void linesGoToLambdasLoggerAsBytesWithTheirLevelAndMetricsAtTheLevelTheRuntimeNeverFilters() {
        List<String> calls = new ArrayList<>();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                calls.add("log(String)");
            }

            @Override
            public void log(byte[] message) {
                calls.add("log(byte[])");
            }

            @Override
            public void log(String message, LogLevel level) {
                calls.add("log(String, " + level + ")");
            }

            @Override
            public void log(byte[] message, LogLevel level) {
                calls.add("log(byte[], " + level + ") " + new String(message, StandardCharsets.UTF_8).strip());
            }
        };
        StructuredLog log = StructuredLog.lambda(logger, "req-7");

        log.warn("record_skipped", Map.of("position", 2));
        log.metrics(Map.of("Records", 1));

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).startsWith("log(byte[], WARN) {\"timestamp\":\"")
                .endsWith("\"level\":\"WARN\",\"AWSRequestId\":\"req-7\",\"event\":\"record_skipped\",\"position\":2}");
        assertThat(calls.get(1)).startsWith("log(byte[], UNDEFINED) {\"timestamp\":\"")
                .endsWith("\"AWSRequestId\":\"req-7\",\"event\":\"metrics\",\"Records\":1}");
    }
}
