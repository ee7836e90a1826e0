package com.cruddur.messaging.stream;

import dev.harrel.jsonschema.Dialects;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.OrgJsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Checks a log line against CloudWatch's Embedded Metric Format specification ("Specification:
 * Embedded metric format", CloudWatch User Guide): the line is exactly one JSON object, valid
 * against the specification's schema ({@code emf-document.schema.json}, checked by a JSON Schema
 * draft-07 validator), and every reference resolves as the specification requires: a dimension
 * key names a root member whose value is a string, a metric name a root member whose value is a
 * number or an array of at most 100 numbers.
 */
final class EmfDocument {

    private static final String SCHEMA = resource("/emf-document.schema.json");

    private EmfDocument() {
    }

    /** The problems of {@code line} as an EMF document; empty when it is valid. */
    static List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        JSONObject root;
        try {
            JSONTokener tokens = new JSONTokener(line);
            Object value = tokens.nextValue();
            if (!(value instanceof JSONObject object)) {
                return List.of("not a JSON object");
            }
            if (tokens.nextClean() != 0) {
                return List.of("data after the JSON object");
            }
            root = object;
        } catch (RuntimeException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        Validator.Result result = new ValidatorFactory()
                .withDefaultDialect(new Dialects.Draft7Dialect())
                .withJsonNodeFactory(new OrgJsonNode.Factory())
                .validate(SCHEMA, line.strip());
        result.getErrors().forEach(e -> problems.add(e.getInstanceLocation() + ": " + e.getError()));
        if (!problems.isEmpty()) {
            return problems;
        }
        JSONArray directives = root.getJSONObject("_aws").getJSONArray("CloudWatchMetrics");
        for (int d = 0; d < directives.length(); d++) {
            JSONObject directive = directives.getJSONObject(d);
            JSONArray dimensionSets = directive.getJSONArray("Dimensions");
            for (int s = 0; s < dimensionSets.length(); s++) {
                JSONArray set = dimensionSets.getJSONArray(s);
                for (int k = 0; k < set.length(); k++) {
                    String key = set.getString(k);
                    if (!(root.opt(key) instanceof String)) {
                        problems.add("dimension " + key + " is not a string member of the root");
                    }
                }
            }
            JSONArray metrics = directive.getJSONArray("Metrics");
            for (int m = 0; m < metrics.length(); m++) {
                String name = metrics.getJSONObject(m).getString("Name");
                Object target = root.opt(name);
                boolean numeric = target instanceof Number
                        || target instanceof JSONArray values && values.length() <= 100 && allNumbers(values);
                if (!numeric) {
                    problems.add("metric " + name + " is not a number (or array of at most 100 numbers) at the root: " + target);
                }
            }
        }
        return problems;
    }

    private static boolean allNumbers(JSONArray values) {
        for (int i = 0; i < values.length(); i++) {
            if (!(values.get(i) instanceof Number)) {
                return false;
            }
        }
        return true;
    }

    private static String resource(String name) {
        try (InputStream in = EmfDocument.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
