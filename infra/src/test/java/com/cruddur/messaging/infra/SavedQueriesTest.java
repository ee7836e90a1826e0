package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class SavedQueriesTest {

    private static Template template;
    private static List<Map<String, Object>> definitions;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesize() {
        template = Synth.defaultTemplate();
        definitions = Synth.resources(template, "AWS::Logs::QueryDefinition").values().stream()
                .map(resource -> (Map<String, Object>) resource.get("Properties")).toList();
    }

    @Test
    void fourQueriesAreSavedInTheStacksFolderOnTheFunctionsLogGroup() {
        String logGroup = Synth.get(Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25"),
                "LoggingConfig", "LogGroup", "Ref");

        assertThat(definitions).extracting(d -> d.get("Name")).containsExactlyInAnyOrder(
                "CruddurMessaging/Failed conversations by cause",
                "CruddurMessaging/Malformed records",
                "CruddurMessaging/Slow batches",
                "CruddurMessaging/SnapStart restore durations");
        assertThat(definitions).allSatisfy(d ->
                assertThat(d.get("LogGroupNames")).isEqualTo(List.of(Map.of("Ref", logGroup))));
    }

    @Test
    void eachQueryReadsTheFieldsOfItsEvent() {
        assertThat(query("Failed conversations by cause"))
                .startsWith("filter event = \"group_update_failed\"\n")
                .contains("by cause");
        assertThat(query("Malformed records"))
                .contains("eventID, sequenceNumber")
                .contains("| filter event = \"malformed_record\"");
        assertThat(query("Slow batches"))
                .contains("| filter event = \"batch_processed\"")
                .contains("| sort durationMs desc");
        // Lambda's REPORT line under the JSON log format: type platform.report, record.metrics.*
        assertThat(query("SnapStart restore durations"))
                .startsWith("filter type = \"platform.report\" and ispresent(record.metrics.restoreDurationMs)\n")
                .contains("pct(record.metrics.restoreDurationMs, 99)");
    }

    @Test
    void theRunbookQuotesEverySavedQueryAsSaved() throws IOException {
        String runbook = Files.readString(AlarmsTest.README_OPS);

        for (SavedQueries.Query query : SavedQueries.queries()) {
            assertThat(runbook).as("%s quotes %s", AlarmsTest.README_OPS, query.name())
                    .contains("```\n" + query.text() + "\n```");
        }
    }

    private static String query(String name) {
        return (String) definitions.stream().filter(d -> ("CruddurMessaging/" + name).equals(d.get("Name")))
                .findFirst().orElseThrow().get("QueryString");
    }
}
