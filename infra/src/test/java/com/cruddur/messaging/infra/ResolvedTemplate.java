package com.cruddur.messaging.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.assertions.Template;

/**
 * A synthesized template with its intrinsic functions resolved as CloudFormation would resolve them
 * in one fixed account, region and partition, so that its policies can be evaluated. Physical names
 * CloudFormation would generate are stand-ins derived from the logical id (a role is named after its
 * logical id, a table after its TableName). An intrinsic it does not know fails loudly.
 */
final class ResolvedTemplate {

    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "111111111111";
    /** The stream label of a table the stack creates (an existing table's is in its stream ARN). */
    static final String STREAM_LABEL = "2026-01-01T00:00:00.000";
    /** The UUID Lambda gives the event source mapping (its {@code Ref}). */
    static final String MAPPING_UUID = "a1b2c3d4-5678-90ab-cdef-111111111111";

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode template;
    private final JsonNode resources;

    ResolvedTemplate(Template template) {
        this.template = NodeTools.JSON.valueToTree(template.toJSON());
        this.resources = this.template.get("Resources");
    }

    /** The resolved Properties of a resource. */
    JsonNode properties(String logicalId) {
        return resolve(resource(logicalId).path("Properties"));
    }

    /** Logical ids of the resources of a type, in template order. */
    List<String> logicalIds(String type) {
        List<String> ids = new ArrayList<>();
        resources.fieldNames().forEachRemaining(id -> {
            if (type.equals(resources.get(id).path("Type").asText())) {
                ids.add(id);
            }
        });
        return ids;
    }

    String only(String type) {
        List<String> ids = logicalIds(type);
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + ids);
        }
        return ids.getFirst();
    }

    /** What {@code Fn::GetAtt [logicalId, attribute]} resolves to. */
    String attribute(String logicalId, String attribute) {
        String type = resource(logicalId).path("Type").asText();
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> tableArn(ref(logicalId));
            case "AWS::DynamoDB::Table.StreamArn" -> tableArn(ref(logicalId)) + "/stream/" + STREAM_LABEL;
            case "AWS::IAM::Role.Arn" -> "arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + logicalId;
            // S3 ARNs name neither a Region nor an account.
            case "AWS::S3::Bucket.Arn" -> "arn:" + PARTITION + ":s3:::" + ref(logicalId);
            case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + logicalId + ":*");
            case "AWS::EC2::SecurityGroup.GroupId" -> "sg-" + logicalId;
            case "AWS::Lambda::Function.Arn" -> arn("lambda", "function:" + logicalId);
            case "AWS::Lambda::Version.Version" -> "1";
            case "AWS::KMS::Key.Arn" -> arn("kms", "key/" + logicalId);
            case "AWS::CloudWatch::Alarm.Arn" -> arn("cloudwatch", "alarm:"
                    + resource(logicalId).path("Properties").path("AlarmName").asText(logicalId));
            default -> {
                if (type.startsWith("Custom::")) {
                    yield logicalId + "." + attribute;
                }
                throw new IllegalArgumentException("no stand-in for Fn::GetAtt " + logicalId + "." + attribute + " (" + type + ")");
            }
        };
    }

    /** What {@code Ref logicalId} resolves to. */
    String ref(String logicalId) {
        switch (logicalId) {
            case "AWS::Partition": return PARTITION;
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackName": return InfraApp.STACK_NAME;
            default: break;
        }
        JsonNode resource = resource(logicalId);
        return switch (resource.path("Type").asText()) {
            case "AWS::DynamoDB::Table" -> resource.path("Properties").path("TableName").asText(logicalId);
            case "AWS::EC2::VPC" -> "vpc-" + logicalId;
            case "AWS::EC2::Subnet" -> "subnet-" + logicalId;
            case "AWS::EC2::RouteTable" -> "rtb-" + logicalId;
            case "AWS::EC2::VPCEndpoint" -> "vpce-" + logicalId;
            case "AWS::Lambda::Alias" -> arn("lambda", "function:" + logicalId + ":" + StreamFunction.ALIAS_NAME);
            // CloudFormation names a bucket in lower case: "<stack>-<logical id>-<random>".
            case "AWS::S3::Bucket" -> resource.path("Properties").path("BucketName")
                    .asText((InfraApp.STACK_NAME + "-" + logicalId).toLowerCase(Locale.ROOT));
            // Ref of a mapping is its UUID; a fixed one stands in.
            case "AWS::Lambda::EventSourceMapping" -> MAPPING_UUID;
            case "AWS::SNS::Topic" -> arn("sns", logicalId);
            default -> logicalId;
        };
    }

    static String tableArn(String tableName) {
        return arn("dynamodb", "table/" + tableName);
    }

    static String arn(String service, String resource) {
        return "arn:" + PARTITION + ":" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    /** A copy of {@code node} with every intrinsic function resolved. */
    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            JsonNode argument = only.getValue();
            switch (only.getKey()) {
                case "Ref":
                    return TextNode.valueOf(ref(argument.asText()));
                case "Fn::GetAtt":
                    return TextNode.valueOf(attribute(argument.get(0).asText(), argument.get(1).asText()));
                case "Fn::Join": {
                    StringBuilder joined = new StringBuilder();
                    JsonNode parts = resolve(argument.get(1));
                    for (Iterator<JsonNode> it = parts.elements(); it.hasNext(); ) {
                        joined.append(it.next().asText());
                        if (it.hasNext()) {
                            joined.append(argument.get(0).asText());
                        }
                    }
                    return TextNode.valueOf(joined.toString());
                }
                case "Fn::Select":
                    return resolve(argument.get(1)).get(resolve(argument.get(0)).asInt());
                case "Fn::Sub": {
                    if (!argument.isTextual()) {
                        throw new IllegalArgumentException("no resolution for Fn::Sub with variables: " + node);
                    }
                    Matcher variable = SUB_VARIABLE.matcher(argument.asText());
                    StringBuilder substituted = new StringBuilder();
                    while (variable.find()) {
                        String name = variable.group(1);
                        int dot = name.indexOf('.');
                        variable.appendReplacement(substituted, Matcher.quoteReplacement(dot < 0 ? ref(name)
                                : attribute(name.substring(0, dot), name.substring(dot + 1))));
                    }
                    return TextNode.valueOf(variable.appendTail(substituted).toString());
                }
                case "Fn::GetAZs": {
                    ArrayNode zones = JsonNodeFactory.instance.arrayNode();
                    List.of("a", "b", "c").forEach(zone -> zones.add(REGION + zone));
                    return zones;
                }
                default:
                    if (only.getKey().startsWith("Fn::")) {
                        throw new IllegalArgumentException("no resolution for " + only.getKey() + " in " + node);
                    }
            }
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(entry -> copy.set(entry.getKey(), resolve(entry.getValue())));
        return copy;
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return resource;
    }
}
