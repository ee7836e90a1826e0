package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.devkit.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What Lambda sends to a stream event source mapping's on-failure destination when it gives up on
 * records: not the records, but where they are. The shape is the invocation record of Lambda's
 * developer guide, "Retain discarded records for a DynamoDB event source in Lambda"
 * (services-dynamodb-errors):
 *
 * <pre>{@code
 * {"requestContext": {"requestId": "...", "functionArn": "...", "condition": "RetryAttemptsExhausted",
 *                     "approximateInvokeCount": 1},
 *  "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
 *  "version": "1.0", "timestamp": "2019-11-14T00:13:49.717Z",
 *  "DDBStreamBatchInfo": {"shardId": "...", "startSequenceNumber": "...", "endSequenceNumber": "...",
 *                         "approximateArrivalOfFirstRecord": "2019-11-14T00:13:19Z",
 *                         "approximateArrivalOfLastRecord": "2019-11-14T00:13:19Z",
 *                         "batchSize": 1, "streamArn": "arn:aws:dynamodb:...:table/mytable/stream/..."}}
 * }</pre>
 *
 * The local mapping writes exactly this; {@code redrive} reads it, needing only
 * {@code DDBStreamBatchInfo}'s shard, range and stream. {@code functionError} is present only when
 * the function failed (a partial batch failure is a successful invocation).
 *
 * @param condition          why Lambda gave up: {@link #RETRIES_EXHAUSTED} or {@link #RECORD_AGE_EXCEEDED}
 * @param invokeCount        invocations that carried the records
 * @param functionError      "Unhandled" after a function error, else null
 * @param timestamp          when it gave up
 * @param shardId            the records' shard
 * @param startSequenceNumber the first record's sequence number
 * @param endSequenceNumber  the last record's sequence number
 * @param firstArrival       when the first record was written to the stream (may be null when read)
 * @param lastArrival        when the last one was (may be null when read)
 * @param batchSize          how many records the range held as delivered
 * @param streamArn          the stream
 */
public record StreamFailureRecord(
        String condition,
        int invokeCount,
        String functionError,
        Instant timestamp,
        String shardId,
        String startSequenceNumber,
        String endSequenceNumber,
        Instant firstArrival,
        Instant lastArrival,
        int batchSize,
        String streamArn) {

    /** The retries were used up. */
    public static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
    /** The records grew older than the mapping's maximum record age. */
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";
    /** The ARN the local mapping's function answers to (the local context's). */
    public static final String LOCAL_FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:messaging-local";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lambda writes the record's timestamp with milliseconds, a DynamoDB record's arrival in seconds. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The message body, as Lambda writes it. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", LOCAL_FUNCTION_ARN);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError != null) {
            response.put("functionError", functionError);
        }
        root.put("version", "1.0");
        root.put("timestamp", MILLIS.format(timestamp));
        ObjectNode info = root.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", startSequenceNumber);
        info.put("endSequenceNumber", endSequenceNumber);
        info.put("approximateArrivalOfFirstRecord", firstArrival == null ? null
                : SECONDS.format(firstArrival.truncatedTo(ChronoUnit.SECONDS)));
        info.put("approximateArrivalOfLastRecord", lastArrival == null ? null
                : SECONDS.format(lastArrival.truncatedTo(ChronoUnit.SECONDS)));
        info.put("batchSize", batchSize);
        info.put("streamArn", streamArn);
        return root.toString();
    }

    /**
     * Reads a failure destination message's body.
     *
     * @throws IllegalArgumentException naming what is missing or wrong, in one line
     */
    public static StreamFailureRecord parse(String body) {
        return of(Json.parse(body));
    }

    /** As {@link #parse(String)}, from JSON already read. */
    public static StreamFailureRecord of(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode info = root.get("DDBStreamBatchInfo");
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException(root.has("KinesisBatchInfo")
                    ? "a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's"
                    : "no DDBStreamBatchInfo: not a failure record of a DynamoDB stream event source mapping");
        }
        JsonNode request = root.path("requestContext");
        JsonNode response = root.path("responseContext");
        String start = sequenceNumber(info, "startSequenceNumber");
        String end = sequenceNumber(info, "endSequenceNumber");
        if (new BigInteger(start).compareTo(new BigInteger(end)) > 0) {
            throw new IllegalArgumentException("DDBStreamBatchInfo.startSequenceNumber is after endSequenceNumber");
        }
        return new StreamFailureRecord(
                text(request, "condition"),
                request.path("approximateInvokeCount").asInt(0),
                text(response, "functionError"),
                instant(root.get("timestamp")),
                required(info, "shardId"),
                start,
                end,
                instant(info.get("approximateArrivalOfFirstRecord")),
                instant(info.get("approximateArrivalOfLastRecord")),
                info.path("batchSize").asInt(0),
                required(info, "streamArn"));
    }

    /** The table of {@link #streamArn()}: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    public String tableName() {
        int table = streamArn.indexOf(":table/");
        int stream = streamArn.indexOf("/stream/");
        return table < 0 || stream < table ? null : streamArn.substring(table + ":table/".length(), stream);
    }

    private static String required(JsonNode info, String field) {
        JsonNode value = info.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("DDBStreamBatchInfo." + field + " is missing");
        }
        return value.textValue();
    }

    private static String sequenceNumber(JsonNode info, String field) {
        String value = required(info, field);
        // The Streams API's sequence numbers: 21 to 40 digits (GetShardIterator, SequenceNumber).
        if (value.length() < 21 || value.length() > 40 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("DDBStreamBatchInfo." + field + " is not a stream sequence number"
                    + " (21 to 40 digits)");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
