package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredLogTest {

    @Test
    void aLineIsOneJsonObjectWithEscapedStringsNumbersListsAndMaps() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("problem", "quote \" backslash \\ newline \n");
        fields.put("records", 3);
        fields.put("failures", List.of("1", "2"));
        fields.put("skipped", Map.of("remove", 1));
        fields.put("eventID", null);

        String line = StructuredLog.line("ERROR", "malformed_record", fields);

        assertThat(line).isEqualTo("{\"level\":\"ERROR\",\"event\":\"malformed_record\","
                + "\"problem\":\"quote \\\" backslash \\\\ newline \\n\",\"records\":3,"
                + "\"failures\":[\"1\",\"2\"],\"skipped\":{\"remove\":1},\"eventID\":null}");
        assertThat(line).doesNotContain("\n");
    }
}
