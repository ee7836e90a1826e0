package com.cruddur.messaging.devkit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON read strictly, with Jackson's tree model, for the files people hand to the tools (event
 * files, seed files, scan output): one document per text, no duplicate keys, numbers as written.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // "{...} trailing" is not one JSON document: say so rather than read the first part.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"pk": ..., "pk": ...} would otherwise silently keep the last.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // DynamoDB numbers are decimal: 1.10 stays 1.10, not the double 1.1.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws IllegalArgumentException with the parser's problem on one line (and where it is)
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(problem(e), e);
        }
    }

    /** Jackson's message without the source excerpt it appends: the problem, then line and column. */
    private static String problem(JacksonException e) {
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        String first = message == null ? "unreadable" : (newline < 0 ? message : message.substring(0, newline)).strip();
        return e.getLocation() == null ? first
                : first + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
