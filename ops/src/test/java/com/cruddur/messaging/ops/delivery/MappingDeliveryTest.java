package com.cruddur.messaging.ops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.stream.InvocationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The local mapping's failure handling, as the deployed mapping is configured (Lambda's developer
 * guide, "Retain discarded records for a DynamoDB event source"): checkpoint and retry on batch
 * item failures, bisect on a function error, give up after the retries or past the maximum record
 * age, and hand what it gave up on, records included, to its destination. The function here is a stand-in that
 * answers by the records' keys; the handler itself runs in the integration tests.
 */
class MappingDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages/stream/2026-11-21T00:00:00.000";
    private static final String SHARD = "shardId-00000001700000000000-abcdef12";
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    /** What the stand-in function was given, invocation by invocation: each record's key. */
    private final List<List<String>> invocations = new ArrayList<>();
    private final List<FailureObject> destination = new ArrayList<>();
    private final List<Integer> pauses = new ArrayList<>();

    /** A record as Lambda delivers it in an event's Records: the creation time in epoch seconds, the images in DynamoDB JSON. */
    private static JsonNode record(int sequence, String pk, Instant written) {
        String keys = "\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"2026-11-21T11:00:00.000000+00:00\"}";
        try {
            return JSON.readTree("""
                {"eventID":"e%d","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"ddblocal",
                 "dynamodb":{"ApproximateCreationDateTime":%d.%03d,"Keys":{%s},"NewImage":{%s,"message":{"S":"x"}},
                             "SequenceNumber":"%021d","StreamViewType":"NEW_IMAGE"},
                 "eventSourceARN":"%s"}""".formatted(sequence, written.getEpochSecond(), written.getNano() / 1_000_000, keys,
                keys, sequence, ARN));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode record(int sequence, String pk) {
        return record(sequence, pk, NOW.minusSeconds(10));
    }

    /** The records as the mapping takes them. */
    private static List<JsonNode> batch(JsonNode... records) {
        return List.of(records);
    }

    private static List<String> keysOf(FailureObject failure) {
        return failure.records().stream().map(r -> r.at("/dynamodb/Keys/pk/S").asText()).toList();
    }

    /**
     * Throws for a batch holding {@code MSG#poison} (a function error); reports every record of
     * {@code MSG#failing} as a batch item failure; all else succeeds.
     */
    private InvocationReport invoke(DynamodbEvent event) {
        List<String> keys = event.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("pk").getS()).toList();
        invocations.add(keys);
        if (keys.contains("MSG#poison")) {
            throw new IllegalStateException("the function crashed");
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord r : event.getRecords()) {
            if (r.getDynamodb().getKeys().get("pk").getS().equals("MSG#failing")) {
                failures.add(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
            }
        }
        StreamsEventResponse response = new StreamsEventResponse();
        response.setBatchItemFailures(failures);
        return new InvocationReport(keys.size(), keys.size(), Map.of(), List.of(), List.of(), response, Duration.ZERO);
    }

    private MappingDelivery mapping(DeliverySettings settings) {
        Function<DynamodbEvent, InvocationReport> function = this::invoke;
        return new MappingDelivery(function, EventFilter.DEPLOYED, ARN, settings, failure -> {
            destination.add(failure);
            return "object-" + destination.size();
        }, Clock.fixed(NOW, ZoneOffset.UTC), pauses::add);
    }

    private static final MappingDelivery.Listener QUIET = (retry, records, report) -> { };

    @Test
    void aBatchItemFailureIsRetriedFromItsRecordUntilTheRetriesAreUsedUpThenHandedToTheDestination() {
        List<JsonNode> batch = batch(record(1, "MSG#a"), record(2, "MSG#failing"), record(3, "MSG#b"));

        MappingDelivery.Result delivery = mapping(DeliverySettings.DEPLOYED.withMaxRetries(2))
                .deliver(SHARD, batch, QUIET);

        // The first record is checkpointed; the failed one and all after it come again.
        assertThat(invocations).containsExactly(
                List.of("MSG#a", "MSG#failing", "MSG#b"),
                List.of("MSG#failing", "MSG#b"),
                List.of("MSG#failing", "MSG#b"));
        assertThat(pauses).containsExactly(0, 1);
        FailureObject failure = destination.getFirst();
        assertThat(destination).hasSize(1);
        assertThat(delivery.gaveUp()).containsExactly(failure);
        assertThat(failure.condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.invokeCount()).isEqualTo(3);
        assertThat(failure.functionError()).isNull();
        assertThat(failure.shardId()).isEqualTo(SHARD);
        assertThat(failure.startSequenceNumber()).isEqualTo("000000000000000000002");
        assertThat(failure.endSequenceNumber()).isEqualTo("000000000000000000003");
        assertThat(failure.batchSize()).isEqualTo(2);
        assertThat(failure.streamArn()).isEqualTo(ARN);
        assertThat(failure.timestamp()).isEqualTo(NOW);
        // The records themselves, as the function was last given them: what an S3 destination keeps.
        assertThat(keysOf(failure)).containsExactly("MSG#failing", "MSG#b");
        assertThat(failure.records()).isEqualTo(batch.subList(1, 3));
        assertThat(delivery.recordsGivenUp()).isEqualTo(2);
    }

    @Test
    void aFunctionErrorHalvesTheBatchUntilThePoisonedRecordIsAloneAndOnlyItIsGivenUpOn() {
        List<JsonNode> batch = batch(record(1, "MSG#a"), record(2, "MSG#b"), record(3, "MSG#poison"), record(4, "MSG#c"));
        List<String> errors = new ArrayList<>();

        MappingDelivery.Result delivery = mapping(DeliverySettings.DEPLOYED.withMaxRetries(1))
                .deliver(SHARD, batch, new MappingDelivery.Listener() {
                    @Override
                    public void invoked(int retry, int records, InvocationReport report) {
                    }

                    @Override
                    public void functionError(int retry, int records, RuntimeException error) {
                        errors.add(records + " records, retry " + retry);
                    }
                });

        // Halves in stream order; splitting uses no retry, the lone record its one retry.
        assertThat(invocations).containsExactly(
                List.of("MSG#a", "MSG#b", "MSG#poison", "MSG#c"),
                List.of("MSG#a", "MSG#b"),
                List.of("MSG#poison", "MSG#c"),
                List.of("MSG#poison"),
                List.of("MSG#poison"),
                List.of("MSG#c"));
        assertThat(errors).containsExactly("4 records, retry 0", "2 records, retry 0", "1 records, retry 0",
                "1 records, retry 1");
        assertThat(delivery.gaveUp()).singleElement().satisfies(failure -> {
            assertThat(failure.startSequenceNumber()).isEqualTo("000000000000000000003");
            assertThat(failure.endSequenceNumber()).isEqualTo("000000000000000000003");
            assertThat(failure.batchSize()).isEqualTo(1);
            assertThat(failure.functionError()).isEqualTo("Unhandled");
            assertThat(failure.invokeCount()).isEqualTo(4);
            assertThat(keysOf(failure)).containsExactly("MSG#poison");
        });
    }

    @Test
    void recordsOlderThanTheMaximumAgeAreGivenUpOnWithoutAnInvocation() {
        List<JsonNode> batch = batch(record(1, "MSG#a", NOW.minus(Duration.ofHours(2))),
                record(2, "MSG#b", NOW.minus(Duration.ofMinutes(61))), record(3, "MSG#c", NOW.minus(Duration.ofMinutes(59))));

        MappingDelivery.Result delivery = mapping(DeliverySettings.DEPLOYED).deliver(SHARD, batch, QUIET);

        assertThat(invocations).containsExactly(List.of("MSG#c"));
        assertThat(destination).singleElement().satisfies(failure -> {
            assertThat(failure.condition()).isEqualTo("RecordAgeExceeded");
            assertThat(failure.startSequenceNumber()).isEqualTo("000000000000000000001");
            assertThat(failure.endSequenceNumber()).isEqualTo("000000000000000000002");
            assertThat(failure.invokeCount()).isZero();
            assertThat(failure.firstArrival()).isEqualTo(NOW.minus(Duration.ofHours(2)));
            assertThat(keysOf(failure)).containsExactly("MSG#a", "MSG#b");
        });
        assertThat(delivery.recordsGivenUp()).isEqualTo(2);
    }

    @Test
    void withoutAMaximumAgeOldRecordsAreDelivered() {
        List<JsonNode> batch = batch(record(1, "MSG#a", NOW.minus(Duration.ofDays(1))));

        mapping(DeliverySettings.DEPLOYED.withMaxRecordAge(null)).deliver(SHARD, batch, QUIET);

        assertThat(invocations).containsExactly(List.of("MSG#a"));
        assertThat(destination).isEmpty();
    }

    @Test
    void recordsTheFilterDropsAreNeverDeliveredNorGivenUpOn() {
        List<JsonNode> batch = batch(record(1, "GRP#u1"), record(2, "MSG#a"));

        MappingDelivery.Result delivery = mapping(DeliverySettings.DEPLOYED).deliver(SHARD, batch, QUIET);

        assertThat(invocations).containsExactly(List.of("MSG#a"));
        assertThat(delivery.filteredOut()).isEqualTo(1);
        assertThat(delivery.gaveUp()).isEmpty();
    }

    @Test
    void aDestinationThatRefusesTheBatchIsToldToTheListenerAndTheShardMovesOn() {
        MappingDelivery mapping = new MappingDelivery(this::invoke, EventFilter.DEPLOYED, ARN,
                DeliverySettings.DEPLOYED.withMaxRetries(0), failure -> {
                    throw new IllegalStateException("bucket deleted");
                }, Clock.fixed(NOW, ZoneOffset.UTC), pauses::add);
        List<String> notSent = new ArrayList<>();

        MappingDelivery.Result delivery = mapping.deliver(SHARD, batch(record(1, "MSG#failing")),
                new MappingDelivery.Listener() {
                    @Override
                    public void invoked(int retry, int records, InvocationReport report) {
                    }

                    @Override
                    public void gaveUp(FailureObject failure, String sentTo, RuntimeException error) {
                        notSent.add(sentTo + ", " + error.getMessage());
                    }
                });

        assertThat(notSent).containsExactly("null, bucket deleted");
        assertThat(delivery.recordsGivenUp()).isEqualTo(1);
    }
}
