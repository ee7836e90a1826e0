package com.cruddur.messaging.ops.failures;

import static com.cruddur.messaging.schema.FailureObjects.BATCH_INFO;
import static com.cruddur.messaging.schema.FailureObjects.BATCH_SIZE;
import static com.cruddur.messaging.schema.FailureObjects.CONDITION;
import static com.cruddur.messaging.schema.FailureObjects.END_SEQUENCE_NUMBER;
import static com.cruddur.messaging.schema.FailureObjects.FIRST_ARRIVAL;
import static com.cruddur.messaging.schema.FailureObjects.FUNCTION_ERROR;
import static com.cruddur.messaging.schema.FailureObjects.INVOKE_COUNT;
import static com.cruddur.messaging.schema.FailureObjects.LAST_ARRIVAL;
import static com.cruddur.messaging.schema.FailureObjects.PAYLOAD;
import static com.cruddur.messaging.schema.FailureObjects.REQUEST_CONTEXT;
import static com.cruddur.messaging.schema.FailureObjects.RESPONSE_CONTEXT;
import static com.cruddur.messaging.schema.FailureObjects.SHARD_ID;
import static com.cruddur.messaging.schema.FailureObjects.START_SEQUENCE_NUMBER;
import static com.cruddur.messaging.schema.FailureObjects.STREAM_ARN;
import static com.cruddur.messaging.schema.FailureObjects.TIMESTAMP;

import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.StreamArn;
import com.cruddur.messaging.stream.LocalContext;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A failure object: what Lambda writes to a stream event source mapping's S3 on-failure destination
 * when it gives up on a batch ({@link FailureObjects} has the documented layout and names). The one
 * reader ({@link #parse}) and the one writer ({@link #toJson}): the local mapping writes exactly
 * this, {@code redrive} reads it back.
 *
 * <p>Beside where the records were ({@code DDBStreamBatchInfo}), an S3 destination gets the batch
 * itself, {@code payload}: the invocation's event, {@code {"Records": [...]}}, as a JSON string
 * (as Lambda's page shows it and aws-lambda-rust-runtime's events crate models it). Read
 * tolerantly: a {@code payload} that is a JSON object (as LocalStack writes it) is accepted too.
 *
 * @param condition           why Lambda gave up: {@link FailureObjects#RETRIES_EXHAUSTED} or
 *                            {@link FailureObjects#RECORD_AGE_EXCEEDED}
 * @param invokeCount         invocations that carried the records
 * @param functionError       "Unhandled" after a function error, else null
 * @param timestamp           when it gave up
 * @param shardId             the records' shard
 * @param startSequenceNumber the first record's sequence number
 * @param endSequenceNumber   the last record's sequence number
 * @param firstArrival        when the first record was written to the stream (may be null when read)
 * @param lastArrival         when the last one was (may be null when read)
 * @param batchSize           how many records the range held as delivered
 * @param streamArn           the stream
 * @param records             the payload's records, each as Lambda delivers it
 */
public record FailureObject(
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
        String streamArn,
        List<JsonNode> records) {

    /** Numbers as written (an ApproximateCreationDateTime keeps its digits); one document per object. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Lambda writes the record's timestamp with milliseconds, a DynamoDB record's arrival in seconds. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern SHARD_ID_CHARS = Pattern.compile("[A-Za-z0-9_.-]+");

    /** An unusable failure object: its source, then the problem, on one printable line ({@link Style#printable}). */
    public static final class Malformed extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String reason;

        Malformed(String source, String reason) {
            super(Style.printable(source + ": " + reason));
            this.reason = Style.printable(reason);
        }

        /** The problem, without the source. */
        public String reason() {
            return reason;
        }
    }

    public FailureObject {
        records = List.copyOf(records);
    }

    /** The object's content, as Lambda writes it: the invocation record, {@code payload} a JSON string. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode request = root.putObject(REQUEST_CONTEXT);
        request.put(FailureObjects.REQUEST_ID, UUID.randomUUID().toString());
        request.put(FailureObjects.FUNCTION_ARN, LocalContext.FUNCTION_ARN);
        request.put(CONDITION, condition);
        request.put(INVOKE_COUNT, invokeCount);
        ObjectNode response = root.putObject(RESPONSE_CONTEXT);
        response.put(FailureObjects.STATUS_CODE, 200);
        response.put(FailureObjects.EXECUTED_VERSION, "$LATEST");
        if (functionError != null) {
            response.put(FUNCTION_ERROR, functionError);
        }
        root.put(FailureObjects.VERSION, FailureObjects.FORMAT_VERSION);
        root.put(TIMESTAMP, MILLIS.format(timestamp));
        ObjectNode info = root.putObject(BATCH_INFO);
        info.put(SHARD_ID, shardId);
        info.put(START_SEQUENCE_NUMBER, startSequenceNumber);
        info.put(END_SEQUENCE_NUMBER, endSequenceNumber);
        info.put(FIRST_ARRIVAL, firstArrival == null ? null : SECONDS.format(firstArrival.truncatedTo(ChronoUnit.SECONDS)));
        info.put(LAST_ARRIVAL, lastArrival == null ? null : SECONDS.format(lastArrival.truncatedTo(ChronoUnit.SECONDS)));
        info.put(BATCH_SIZE, batchSize);
        info.put(STREAM_ARN, streamArn);
        root.put(PAYLOAD, eventJson());
        return root.toString();
    }

    /** The payload: the event the function was invoked with. */
    public String eventJson() {
        ObjectNode event = MAPPER.createObjectNode();
        event.putArray("Records").addAll(records);
        return event.toString();
    }

    /** The table of {@link #streamArn()}, as the handler reads stream ARNs ({@link StreamArn}); null when it names none. */
    public String tableName() {
        return StreamArn.parse(streamArn).map(StreamArn::table).orElse(null);
    }

    /**
     * Reads a failure object.
     *
     * @param source its key (or file name), for the message
     * @throws Malformed naming the source and what is missing or wrong, in one line
     */
    public static FailureObject parse(String source, byte[] content) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JacksonException e) {
            throw new Malformed(source, "not JSON (" + Style.firstLine(e.getOriginalMessage()) + ")");
        } catch (java.io.IOException e) {
            throw new Malformed(source, "unreadable (" + Style.firstLine(e.getMessage()) + ")");
        }
        try {
            return of(root);
        } catch (IllegalArgumentException e) {
            throw new Malformed(source, e.getMessage());
        }
    }

    private static FailureObject of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode info = root.get(BATCH_INFO);
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException(root.has("KinesisBatchInfo")
                    ? "a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's"
                    : "no " + BATCH_INFO + ": not a failure record of a DynamoDB stream event source mapping");
        }
        String start = sequenceNumber(info, START_SEQUENCE_NUMBER);
        String end = sequenceNumber(info, END_SEQUENCE_NUMBER);
        if (new BigInteger(start).compareTo(new BigInteger(end)) > 0) {
            throw new IllegalArgumentException(BATCH_INFO + "." + START_SEQUENCE_NUMBER + " is after " + END_SEQUENCE_NUMBER);
        }
        JsonNode request = root.path(REQUEST_CONTEXT);
        JsonNode response = root.path(RESPONSE_CONTEXT);
        return new FailureObject(
                text(request, CONDITION),
                request.path(INVOKE_COUNT).asInt(0),
                text(response, FUNCTION_ERROR),
                instant(root.get(TIMESTAMP)),
                shardId(info),
                start,
                end,
                instant(info.get(FIRST_ARRIVAL)),
                instant(info.get(LAST_ARRIVAL)),
                info.path(BATCH_SIZE).asInt(0),
                required(info, STREAM_ARN),
                records(root.get(PAYLOAD)));
    }

    /** The payload's records: a JSON string holding the event (Lambda), or the event itself (LocalStack). */
    private static List<JsonNode> records(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            throw new IllegalArgumentException("no " + PAYLOAD + ": it names the records (shard, sequence numbers)"
                    + " but does not hold them, as an SQS or SNS destination's record; reconcile --apply repairs them");
        }
        JsonNode event = payload;
        if (payload.isTextual()) {
            try {
                event = MAPPER.readTree(payload.textValue());
            } catch (JacksonException e) {
                throw new IllegalArgumentException(PAYLOAD + " is not JSON (" + Style.firstLine(e.getOriginalMessage()) + ")");
            }
        }
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException(PAYLOAD + " is not a stream event (no \"Records\" array)");
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw new IllegalArgumentException(PAYLOAD + " record " + list.size() + " is not a JSON object");
            }
            list.add(record);
        }
        // Redrive hands them to the handler as Lambda's serializer reads them: refuse what it cannot read, or
        // reads as other records (a member of the wrong type can make it read one record as two).
        int read;
        try {
            read = LambdaEvents.of(list).getRecords().size();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PAYLOAD + " holds records Lambda's serializer cannot read (" + e.getMessage() + ")");
        }
        if (read != list.size()) {
            throw new IllegalArgumentException(PAYLOAD + " holds " + list.size() + " records that Lambda's serializer reads as " + read);
        }
        return list;
    }

    private static String required(JsonNode info, String field) {
        JsonNode value = info.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(BATCH_INFO + "." + field + " is missing");
        }
        return value.textValue();
    }

    /**
     * The Streams API's shard IDs are 28 to 65 characters (API reference, "Shard"); those Lambda and
     * DynamoDB Local write are "shardId-", digits, "-" and hex digits. Held to that, so the shard is one
     * folder of the object's key (no "/") and prints on the report's line.
     */
    private static String shardId(JsonNode info) {
        String value = required(info, SHARD_ID);
        if (value.length() < 28 || value.length() > 65 || !SHARD_ID_CHARS.matcher(value).matches()) {
            throw new IllegalArgumentException(BATCH_INFO + "." + SHARD_ID
                    + " is not a stream's shard ID (28 to 65 letters, digits, '-', '_' or '.')");
        }
        return value;
    }

    private static String sequenceNumber(JsonNode info, String field) {
        String value = required(info, field);
        // The Streams API's sequence numbers: 21 to 40 digits (GetShardIterator, SequenceNumber).
        if (value.length() < 21 || value.length() > 40 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(BATCH_INFO + "." + field + " is not a stream sequence number (21 to 40 digits)");
        }
        return value;
    }

    /** A member shown to people only (condition, functionError), so made printable as it is read. */
    private static String text(JsonNode node, String field) {
        return node.get(field) instanceof JsonNode value && value.isTextual() ? Style.printable(value.textValue()) : null;
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
