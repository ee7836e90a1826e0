package com.cruddur.messaging.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The objects Lambda writes to the stream event source mapping's S3 on-failure destination, one per
 * batch it gives up on: the one definition of their key layout and member names, for the local
 * mapping that writes them, {@code redrive} that reads them back and the checks that count them.
 *
 * <p>From the Lambda developer guide, "Retain discarded records for a DynamoDB event source in
 * Lambda" (services-dynamodb-errors; the Kinesis page, kinesis-on-failure-destination, states the
 * same naming convention):
 * <ul>
 *   <li>the key is {@code aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>};</li>
 *   <li>the object is the invocation record an SQS or SNS destination gets ({@value #REQUEST_CONTEXT},
 *       {@value #RESPONSE_CONTEXT}, {@value #VERSION}, {@value #TIMESTAMP}, {@value #BATCH_INFO}) plus
 *       {@value #PAYLOAD}, "the original invocation record as an escaped JSON string": the event the
 *       function was invoked with, {@code {"Records": [...]}}, records and message text included.</li>
 * </ul>
 * The page does not name the key's time zone; the invocation record's timestamps are UTC, and so is
 * the key here.
 */
public final class FailureObjects {

    /** Every failure object's key begins so. */
    public static final String KEY_PREFIX = "aws/lambda/";

    /** Lambda's request: {@value #REQUEST_ID}, {@value #FUNCTION_ARN}, {@value #CONDITION}, {@value #INVOKE_COUNT}. */
    public static final String REQUEST_CONTEXT = "requestContext";
    /** The function's answer: {@value #STATUS_CODE}, {@value #EXECUTED_VERSION}, {@value #FUNCTION_ERROR}. */
    public static final String RESPONSE_CONTEXT = "responseContext";
    /** The record format's version, {@value #FORMAT_VERSION}. */
    public static final String VERSION = "version";
    /** When Lambda gave up, ISO-8601 UTC with milliseconds. */
    public static final String TIMESTAMP = "timestamp";
    /** Where the records are: shard, sequence-number range, arrival times, batch size, stream. */
    public static final String BATCH_INFO = "DDBStreamBatchInfo";
    /** The invocation's event JSON as a string (S3 destinations only). */
    public static final String PAYLOAD = "payload";

    public static final String REQUEST_ID = "requestId";
    public static final String FUNCTION_ARN = "functionArn";
    public static final String CONDITION = "condition";
    public static final String INVOKE_COUNT = "approximateInvokeCount";
    public static final String STATUS_CODE = "statusCode";
    public static final String EXECUTED_VERSION = "executedVersion";
    /** Present only after a function error ("Unhandled"); a partial batch failure is a successful invocation. */
    public static final String FUNCTION_ERROR = "functionError";
    public static final String SHARD_ID = "shardId";
    public static final String START_SEQUENCE_NUMBER = "startSequenceNumber";
    public static final String END_SEQUENCE_NUMBER = "endSequenceNumber";
    public static final String FIRST_ARRIVAL = "approximateArrivalOfFirstRecord";
    public static final String LAST_ARRIVAL = "approximateArrivalOfLastRecord";
    public static final String BATCH_SIZE = "batchSize";
    public static final String STREAM_ARN = "streamArn";

    /** The value of {@value #VERSION} in the documented records. */
    public static final String FORMAT_VERSION = "1.0";
    /** {@value #CONDITION}: the retries were used up. */
    public static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
    /** {@value #CONDITION}: the records grew older than the mapping's maximum record age. */
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH.mm.ss");

    /**
     * A key, taken apart.
     *
     * @param mappingUuid the event source mapping's UUID
     * @param shardId     the shard the records came from
     * @param writtenAt   the time in the key's name, to the second
     * @param randomId    the random UUID that makes the key unique
     */
    public record Key(String mappingUuid, String shardId, Instant writtenAt, String randomId) {
    }

    private FailureObjects() {
    }

    /** The key Lambda gives the object of a batch it gave up on at {@code at}. */
    public static String key(String mappingUuid, String shardId, Instant at, UUID random) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return KEY_PREFIX + mappingUuid + "/" + shardId + "/" + DAY.format(second) + "/"
                + TIME.format(LocalDateTime.ofInstant(second, ZoneOffset.UTC)) + "-" + random;
    }

    /** A key in the documented layout taken apart; empty for any other key. */
    public static Optional<Key> parse(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(KEY_PREFIX.length()).split("/", -1);
        // <ESM-UUID>, <shardID>, YYYY, MM, DD, YYYY-MM-DDTHH.MM.SS-<Random UUID>
        if (parts.length != 6 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String name = parts[5];
        // "YYYY-MM-DDTHH.MM.SS" is 19 characters, then "-" and the UUID.
        if (name.length() < 21 || name.charAt(19) != '-') {
            return Optional.empty();
        }
        try {
            Instant at = LocalDateTime.parse(name.substring(0, 19), TIME).toInstant(ZoneOffset.UTC);
            if (!(parts[2] + "/" + parts[3] + "/" + parts[4]).equals(DAY.format(at))) {
                return Optional.empty();
            }
            return Optional.of(new Key(parts[0], parts[1], at, name.substring(20)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
