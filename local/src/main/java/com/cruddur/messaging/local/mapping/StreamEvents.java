package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Json;
import com.cruddur.messaging.ops.LambdaEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Turns records read from a DynamoDB stream into the JSON Lambda delivers to the function: the
 * Streams API's record plus {@code eventSourceARN}, the creation time in epoch seconds, the images
 * in DynamoDB JSON. The CLI then deserializes that JSON with Lambda's own serializer, so the local
 * event source mapping and {@code replay} feed the handler the same way.
 */
public final class StreamEvents {

    private StreamEvents() {
    }

    /** One record as it appears in a Lambda event's {@code Records}. */
    public static String recordJson(Record record, String streamArn) {
        StringBuilder json = new StringBuilder(512).append('{');
        field(json, "eventID", record.eventID());
        json.append(',');
        field(json, "eventName", record.eventNameAsString());
        json.append(',');
        field(json, "eventVersion", or(record.eventVersion(), "1.1"));
        json.append(',');
        field(json, "eventSource", or(record.eventSource(), LambdaEvents.DYNAMODB_SOURCE));
        json.append(',');
        field(json, "awsRegion", or(record.awsRegion(), "us-east-1"));
        json.append(",\"dynamodb\":");
        streamRecord(json, record.dynamodb());
        Identity identity = record.userIdentity();
        if (identity != null) {
            json.append(",\"userIdentity\":{");
            field(json, "type", identity.type());
            json.append(',');
            field(json, "principalId", identity.principalId());
            json.append('}');
        }
        json.append(',');
        field(json, "eventSourceARN", streamArn);
        return json.append('}').toString();
    }

    /** Records read from a stream, each as a Lambda event's {@code Records} holds it (the local mapping's input). */
    public static List<JsonNode> recordNodes(List<Record> records, String streamArn) {
        return records.stream().map(r -> Json.parse(recordJson(r, streamArn))).toList();
    }

    /** A Lambda event of records in {@link #recordJson} form. */
    public static String eventJson(List<String> recordJsons) {
        return "{\"Records\":[" + String.join(",", recordJsons) + "]}";
    }

    /** Epoch seconds with milliseconds, the number form Lambda uses for ApproximateCreationDateTime. */
    static String epochSeconds(Instant instant) {
        long millis = instant.toEpochMilli();
        return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
    }

    private static void streamRecord(StringBuilder json, StreamRecord stream) {
        json.append('{');
        boolean first = true;
        if (stream.approximateCreationDateTime() != null) {
            json.append("\"ApproximateCreationDateTime\":").append(epochSeconds(stream.approximateCreationDateTime()));
            first = false;
        }
        first = item(json, "Keys", stream.hasKeys() ? stream.keys() : null, first);
        first = item(json, "NewImage", stream.hasNewImage() ? stream.newImage() : null, first);
        first = item(json, "OldImage", stream.hasOldImage() ? stream.oldImage() : null, first);
        if (!first) {
            json.append(',');
        }
        field(json, "SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            json.append(",\"SizeBytes\":").append(stream.sizeBytes());
        }
        if (stream.streamViewType() != null) {
            json.append(',');
            field(json, "StreamViewType", stream.streamViewTypeAsString());
        }
        json.append('}');
    }

    private static boolean item(StringBuilder json, String name, Map<String, AttributeValue> item, boolean first) {
        if (item == null) {
            return first;
        }
        if (!first) {
            json.append(',');
        }
        json.append(DynamoJson.quote(name)).append(':').append(DynamoJson.format(item));
        return false;
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(DynamoJson.quote(name)).append(':').append(value == null ? "null" : DynamoJson.quote(value));
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
