package com.cruddur.messaging.ops.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as a stream record's image: DynamoDB JSON ({@code {"message": {"S": "..."}}}), the form
 * Lambda delivers {@code NewImage} in, binary values in base64. Here so that an item read now can
 * stand in for the image a failure object holds.
 */
final class ItemJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemJson() {
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = NODES.objectNode();
        item.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    private static JsonNode value(AttributeValue value) {
        ObjectNode typed = NODES.objectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", base64(value.b()));
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case SS -> typed.set("SS", strings(value.ss()));
            case NS -> typed.set("NS", strings(value.ns()));
            case BS -> typed.set("BS", strings(value.bs().stream().map(ItemJson::base64).toList()));
            case M -> typed.set("M", image(value.m()));
            case L -> {
                ArrayNode list = typed.putArray("L");
                value.l().forEach(element -> list.add(value(element)));
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of a type this SDK does not know");
        }
        return typed;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
