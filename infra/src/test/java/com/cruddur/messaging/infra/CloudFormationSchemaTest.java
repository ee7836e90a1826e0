package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every resource of the synthesized templates, in each deployment mode, against the CloudFormation
 * resource specification of {@code @aws-cdk/aws-service-spec} (built from the CloudFormation
 * registry schemas), as JSON Schemas checked by ajv (src/test/node/cfn-validate.cjs): an unknown
 * property, a wrong type or a missing required property fails. One node process checks every
 * template, and a deliberately broken copy proves the check can fail.
 */
class CloudFormationSchemaTest {

    private static JsonNode results;

    @BeforeAll
    static void validateEveryTemplateInOneNodeProcess() {
        ObjectNode templates = JsonNodeFactory.instance.objectNode();
        Synth.modes().forEach((mode, template) -> templates.set(mode, NodeTools.JSON.valueToTree(template.toJSON())));
        templates.set("broken", broken(templates.get("new-table").deepCopy()));
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("templates", templates);
        results = NodeTools.node("cfn-validate.cjs", "cfn-schema", input);
    }

    @Test
    void everyResourceOfANewTableStackMatchesItsCloudFormationSchema() {
        assertValid("new-table", 47);
    }

    @Test
    void everyResourceOfAnExistingTableStackMatchesItsCloudFormationSchema() {
        assertValid("existing-table", 46);
    }

    @Test
    void everyResourceOfAnExistingTableStackWithACustomerManagedKeyMatchesItsCloudFormationSchema() {
        assertValid("existing-table-with-key", 46);
    }

    @Test
    void everyResourceOfAnExistingVpcStackMatchesItsCloudFormationSchema() {
        assertValid("existing-vpc", 36);
    }

    @Test
    void theCheckFailsOnAnUnknownPropertyAWrongTypeAndAMissingRequiredProperty() {
        List<String> errors = new ArrayList<>();
        results.get("broken").get("errors").forEach(e -> errors.add(e.get("logicalId").asText() + " " + e.get("error").asText()));

        assertThat(errors).containsExactlyInAnyOrder(
                NewMessagesTable.LOGICAL_ID + " /Properties must have required property 'KeySchema'",
                NewMessagesTable.LOGICAL_ID + " /Properties must NOT have additional properties (TableNmae)",
                NewMessagesTable.LOGICAL_ID + " /Properties/BillingMode must be string",
                mapping(results) + " /Properties/BatchSize must be integer",
                mapping(results) + " /Properties/FilterCriteria/Filters/0 must NOT have additional properties (pattern)");
    }

    private static void assertValid(String mode, int resources) {
        JsonNode result = results.get(mode);
        assertThat(result.get("errors")).as("schema errors of the %s template", mode).isEmpty();
        assertThat(result.get("resources").asInt()).as("resources checked").isEqualTo(resources);
    }

    /** A copy with a misspelt property, a missing required one and wrong types, in two resources. */
    private static JsonNode broken(ObjectNode template) {
        ObjectNode table = (ObjectNode) template.get("Resources").get(NewMessagesTable.LOGICAL_ID).get("Properties");
        table.remove("KeySchema");
        table.set("TableNmae", table.remove("TableName"));
        table.put("BillingMode", 5);
        ObjectNode mapping = (ObjectNode) template.get("Resources").get(mappingId(template)).get("Properties");
        mapping.put("BatchSize", "100");
        ObjectNode filter = (ObjectNode) mapping.get("FilterCriteria").get("Filters").get(0);
        filter.set("pattern", filter.remove("Pattern"));
        return template;
    }

    private static String mapping(JsonNode results) {
        return results.get("broken").get("errors").findValuesAsText("logicalId").stream()
                .filter(id -> !id.equals(NewMessagesTable.LOGICAL_ID)).findFirst().orElse("no mapping error");
    }

    private static String mappingId(JsonNode template) {
        for (Map.Entry<String, JsonNode> resource : template.get("Resources").properties()) {
            if ("AWS::Lambda::EventSourceMapping".equals(resource.getValue().get("Type").asText())) {
                return resource.getKey();
            }
        }
        throw new AssertionError("no event source mapping");
    }
}
