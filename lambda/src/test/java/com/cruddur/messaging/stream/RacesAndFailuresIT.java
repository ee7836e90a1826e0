package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.FaultInjector.onFirst;
import static com.cruddur.messaging.stream.Fixtures.ANDREW;
import static com.cruddur.messaging.stream.Fixtures.BAYKO;
import static com.cruddur.messaging.stream.Fixtures.G1;
import static com.cruddur.messaging.stream.Fixtures.G2;
import static com.cruddur.messaging.stream.Fixtures.G3;
import static com.cruddur.messaging.stream.Fixtures.LONDO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RequestCounter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Concurrent writers, faults, time limits and DynamoDB's limits, on DynamoDB Local. */
class RacesAndFailuresIT extends DynamoDbLocalTestBase {

    private static final String SEED_G1 = "2026-11-20T09:00:00.000000+00:00";
    private static final String NEW_SK = "2026-11-21T12:00:00.000000+00:00";

    private final FaultInjector faults = new FaultInjector();
    private final RequestCounter counted = new RequestCounter();
    private DynamoDbClient faulty;

    @BeforeEach
    void faultyClient() {
        faulty = handlerClient(counted, faults);
    }

    @AfterEach
    void closeFaultyClient() {
        faulty.close();
    }

    private MessageGroupStreamHandler faultyHandler() {
        return new MessageGroupStreamHandler(faulty, config(), d -> { });
    }

    @Test
    void aRowChangedBetweenReadAndWriteIsReReadAndItsNewAttributesAreKept() {
        faults.add(onFirst(firstWrite(), 1, () -> admin.updateItem(b -> b.tableName(TABLE)
                .key(key("GRP#" + ANDREW, SEED_G1))
                .updateExpression("SET user_display_name = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("Bayko the Brave"))))));

        InvocationReport report = faultyHandler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(report.groups().getFirst().attempts()).isEqualTo(2);
        assertThat(item("GRP#" + ANDREW, SEED_G1)).isNull();
        assertThat(item("GRP#" + ANDREW, NEW_SK))
                .containsEntry("user_display_name", AttributeValue.fromS("Bayko the Brave"))
                .containsEntry("message", AttributeValue.fromS("Running late, save me a seat"));
    }

    @Test
    void aNewerUpdateRacingTheHandlerWinsAndTheOtherRowStillMoves() {
        String newer = "2026-11-22T08:00:00.000000+00:00";
        faults.add(onFirst(firstWrite(), 1, () -> moveRow("GRP#" + ANDREW, SEED_G1, newer, "a newer message")));

        InvocationReport report = faultyHandler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(item("GRP#" + ANDREW, newer)).containsEntry("message", AttributeValue.fromS("a newer message"));
        assertThat(item("GRP#" + ANDREW, NEW_SK)).isNull();
        assertThat(item("GRP#" + BAYKO, NEW_SK)).containsEntry("message", AttributeValue.fromS("Running late, save me a seat"));
        assertThat(report.staleRows()).isEqualTo(1);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedBySdkThenHandlerUntilTheyPass() {
        faults.add(onFirst("Query", 4, () -> {
            throw FaultInjector.serverError();
        }));
        faults.add(onFirst(firstWrite(), 5, () -> {
            throw FaultInjector.throttling();
        }));

        InvocationReport report = faultyHandler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(report.groups().getFirst().attempts()).isGreaterThan(1);
        // Five throttled, then the conversation's one transaction, or the puts of its two rows.
        assertThat(counted.count(firstWrite())).isEqualTo(5 + writesFor(1, 2).get(firstWrite()));
        assertThat(conversationList(ANDREW).getFirst()).isEqualTo(G1 + " " + NEW_SK + " Running late, save me a seat");
    }

    @Test
    void aConversationThatCannotBeUpdatedIsReportedWithTheSequenceNumberOfItsNewestRecordAndLosesNoRow() {
        faults.add((operation, request) -> {
            if (request instanceof TransactWriteItemsRequest tx && tx.toString().contains(G1)
                    || request instanceof PutItemRequest put && put.item().get("message_group_uuid").s().equals(G1)) {
                throw FaultInjector.serverError();
            }
        });
        DynamodbEvent batch = Fixtures.event("multi-conversation-batch.json");
        // The newest G1 message is the last record; the first record is also G1, but older.
        String newestG1 = batch.getRecords().get(5).getDynamodb().getSequenceNumber();
        LocalContext context = LocalContext.capturing();

        InvocationReport report = faultyHandler().process(batch, context);

        assertThat(report.failedSequenceNumbers()).containsExactly(newestG1);
        assertThat(report.groupsFailed()).isEqualTo(1);
        assertThat(item("GRP#" + ANDREW, SEED_G1)).isNotNull();
        assertThat(item("GRP#" + BAYKO, SEED_G1)).isNotNull();
        assertThat(conversationList(LONDO)).first().asString().startsWith(G2 + " 2026-11-21T12:05");
        assertThat(context.linesWith("group_update_failed")).singleElement().asString()
                .contains(G1, newestG1, "InternalServerError");
    }

    @Test
    void retryingStopsBeforeLambdaTimesOutAndTheConversationIsReported() {
        faults.add((operation, request) -> {
            if (isWrite(operation)) {
                throw FaultInjector.throttling();
            }
        });
        Config slowBackoff = config().withRetries(50, Duration.ofSeconds(1), Duration.ofSeconds(1));
        long start = System.nanoTime();
        InvocationReport report;
        // The SDK's own retries without waiting: the time spent is the handler's back-off alone, which
        // is what its deadline governs (the SDK's waits would make the test's timing the machine's).
        // (The consumer form replaces the builder's whole override configuration: interceptors too.)
        try (DynamoDbClient immediate = LocalDynamoDb.clientBuilder(dynamoDb.endpoint())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(RECORDED, counted, faults))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .circuitBreakerEnabled(false)
                        .build()))
                .build()) {
            MessageGroupStreamHandler handler = new MessageGroupStreamHandler(immediate, slowBackoff, Sleeper.REAL);

            report = handler.process(Fixtures.event("new-message.json"), LocalContext.capturing(Duration.ofMillis(3_000)));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(report.failedSequenceNumbers()).hasSize(1);
        assertThat(report.groups().getFirst().failure()).contains("out of time");
    }

    @Test
    void aRowLandsJustAfterAnotherConversationOfItsOwnerEndingAtTheSameInstant() {
        // Andrew's conversation with Londo already ends exactly when the new message was sent.
        moveRow("GRP#" + ANDREW, "2026-11-20T10:30:00.000000+00:00", NEW_SK, "The council meets at noon");

        handler().handleRequest(Fixtures.event("new-message.json"), LocalContext.capturing());
        List<String> once = conversationList(ANDREW);
        handler().handleRequest(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " 2026-11-21T12:00:00.000001+00:00 Running late, save me a seat",
                G2 + " " + NEW_SK + " The council meets at noon");
        assertThat(conversationList(ANDREW)).isEqualTo(once);
        assertThat(conversationList(BAYKO).getFirst()).isEqualTo(G1 + " " + NEW_SK + " Running late, save me a seat");
    }

    @Test
    void whenTheCancellationCarriesNoItemTheHolderOfTheContestedKeyIsReadConsistently() {
        // given: the same collision, and cancellation reasons stripped of the holder's item (as a
        // cancellation that did not honour ReturnValuesOnConditionCheckFailure would come back)
        moveRow("GRP#" + ANDREW, "2026-11-20T10:30:00.000000+00:00", NEW_SK, "The council meets at noon");
        ExecutionInterceptor withoutItems = new ExecutionInterceptor() {
            @Override
            public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
                if (context.exception() instanceof TransactionCanceledException e && e.hasCancellationReasons()) {
                    return e.toBuilder().cancellationReasons(e.cancellationReasons().stream()
                            .map(reason -> reason.toBuilder().item(null).build()).toList()).build();
                }
                if (context.exception() instanceof ConditionalCheckFailedException e) {
                    return e.toBuilder().item(null).build();
                }
                return context.exception();
            }
        };

        try (DynamoDbClient stripping = handlerClient(counted, withoutItems)) {
            // when
            new MessageGroupStreamHandler(stripping, config(), d -> { })
                    .handleRequest(Fixtures.event("new-message.json"), LocalContext.capturing());
        }

        // then: the GetItem found another conversation's row there, and the row went one step later
        assertThat(counted.count("GetItem")).isEqualTo(1);
        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " 2026-11-21T12:00:00.000001+00:00 Running late, save me a seat",
                G2 + " " + NEW_SK + " The council meets at noon");
    }

    @Test
    void aGroupChatWithManyRowsIsReadAcrossPagesAndMovedWithinTheTransactionLimits() {
        String group = "a0a0a0a0-0000-4000-8000-000000000001";
        int participants = 130;
        String padding = "x".repeat(10_000);
        for (int i = 0; i < participants; i++) {
            Map<String, AttributeValue> row = new LinkedHashMap<>();
            row.put("pk", AttributeValue.fromS("GRP#member-" + i));
            row.put("sk", AttributeValue.fromS("2026-11-01T00:00:00.000000+00:00"));
            row.put("message_group_uuid", AttributeValue.fromS(group));
            row.put("message", AttributeValue.fromS("hello"));
            row.put("user_uuid", AttributeValue.fromS("member-" + ((i + 1) % participants)));
            row.put("profile_blob", AttributeValue.fromS(padding));
            put(row);
        }

        InvocationReport report = handler().process(
                Events.batch(Events.message(group, NEW_SK, "welcome, all")), LocalContext.capturing());

        assertThat(report.rowsRecreated()).isEqualTo(participants);
        // 1.3 MB of rows: more than one 1 MB page; 260 actions: more than one 100-action transaction.
        assertThat(requests.count("Query")).isGreaterThanOrEqualTo(2);
        if (writeMode == WriteMode.TRANSACTIONAL) {
            assertThat(requests.count("TransactWriteItems")).isGreaterThanOrEqualTo(3);
        } else {
            assertThat(requests.count("PutItem")).isEqualTo(participants);
            assertThat(requests.count("DeleteItem")).isEqualTo(participants);
        }
        for (int i = 0; i < participants; i++) {
            assertThat(item("GRP#member-" + i, NEW_SK)).containsEntry("profile_blob", AttributeValue.fromS(padding));
        }
    }

    @Test
    void aCrashAfterTheFirstWriteLosesNoRowAndTheNextDeliveryLeavesEachRowOnce() {
        faults.addAfter(onFirst(firstWrite(), 1, () -> {
            throw new Crash();
        }));

        assertThatThrownBy(() -> faultyHandler().process(Fixtures.event("new-message.json"), LocalContext.capturing()))
                .isInstanceOf(Crash.class);

        // Transactional: both rows moved, in one transaction. Put-first: the crash came during the
        // puts (the deletes wait for every put), so both old rows are still there, and the new row of
        // at least the first put too: doubled, nothing missing.
        if (writeMode == WriteMode.TRANSACTIONAL) {
            assertThat(conversationList(BAYKO)).containsExactly(
                    G1 + " " + NEW_SK + " Running late, save me a seat",
                    G3 + " 2026-11-20T08:00:00.000000+00:00 Did you get the new schedule?");
            assertThat(conversationList(ANDREW)).first().asString().startsWith(G1 + " " + NEW_SK);
        } else {
            String oldRow = G1 + " " + SEED_G1 + " See you at the meetup";
            String newRow = G1 + " " + NEW_SK + " Running late, save me a seat";
            assertThat(conversationList(BAYKO)).contains(oldRow, G3 + " 2026-11-20T08:00:00.000000+00:00 Did you get the new schedule?");
            assertThat(conversationList(ANDREW)).contains(oldRow, G2 + " 2026-11-20T10:30:00.000000+00:00 The council meets at noon");
            assertThat(List.of(conversationList(BAYKO), conversationList(ANDREW))).anySatisfy(list -> assertThat(list).contains(newRow));
        }

        // Lambda delivers the batch again.
        InvocationReport again = handler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(again.failedSequenceNumbers()).isEmpty();
        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " " + NEW_SK + " Running late, save me a seat",
                G2 + " 2026-11-20T10:30:00.000000+00:00 The council meets at noon");
        assertThat(conversationList(BAYKO)).containsExactly(
                G1 + " " + NEW_SK + " Running late, save me a seat",
                G3 + " 2026-11-20T08:00:00.000000+00:00 Did you get the new schedule?");
    }

    /** The process dies: nothing of the handler runs after it. */
    private static final class Crash extends Error {
    }

    @Test
    void aDuplicateRowOfTheSameUserAndConversationIsRemoved() {
        put(Map.of("pk", AttributeValue.fromS("GRP#" + ANDREW),
                "sk", AttributeValue.fromS("2026-11-19T00:00:00.000000+00:00"),
                "message_group_uuid", AttributeValue.fromS(G1),
                "message", AttributeValue.fromS("stale copy"),
                "user_uuid", AttributeValue.fromS(BAYKO)));

        InvocationReport report = handler().process(Fixtures.event("new-message.json"), LocalContext.capturing());

        assertThat(report.duplicatesRemoved()).isEqualTo(1);
        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " " + NEW_SK + " Running late, save me a seat",
                G2 + " 2026-11-20T10:30:00.000000+00:00 The council meets at noon");
    }

    @Test
    void theSdksStandardEndpointSettingPointsTheDeployedClientAtDynamoDbLocal() {
        Map<String, String> properties = Map.of(
                "aws.endpointUrlDynamoDb", dynamoDb.endpoint().toString(),
                "aws.region", "us-east-1", // DynamoDB Local keeps tables per region and access key
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local");
        properties.forEach(System::setProperty);
        try (DynamoDbClient fromEnvironment = ClientFactory.fromEnvironment(Map.of())) {
            InvocationReport report = new MessageGroupStreamHandler(fromEnvironment,
                            Config.fromEnvironment(Map.of("WRITE_MODE", writeMode.value())))
                    .process(Fixtures.event("new-message.json"), LocalContext.capturing());

            assertThat(report.rowsRecreated()).as(report.groups().toString()).isEqualTo(2);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void groupsOfABatchAreUpdatedConcurrentlyWithTheSameResultAsOneAtATime() {
        InvocationReport sequential = new MessageGroupStreamHandler(client, config().withMaxConcurrency(1), d -> { })
                .process(Fixtures.event("multi-conversation-batch.json"), LocalContext.capturing());
        List<String> expected = List.of(conversationList(ANDREW), conversationList(BAYKO), conversationList(LONDO)).stream()
                .flatMap(List::stream).toList();
        freshTableWithSampleConversations();

        InvocationReport concurrent = new MessageGroupStreamHandler(client, config().withMaxConcurrency(3), d -> { })
                .process(Fixtures.event("multi-conversation-batch.json"), LocalContext.capturing());

        assertThat(List.of(conversationList(ANDREW), conversationList(BAYKO), conversationList(LONDO)).stream()
                .flatMap(List::stream).toList()).isEqualTo(expected);
        assertThat(concurrent.rowsRecreated()).isEqualTo(sequential.rowsRecreated()).isEqualTo(6);
        assertThat(G3).isNotBlank();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        key.put("sk", AttributeValue.fromS(sk));
        return key;
    }

    /** Another writer moves a row, as a concurrent invocation would. */
    private static void moveRow(String pk, String fromSk, String toSk, String message) {
        Map<String, AttributeValue> row = new LinkedHashMap<>(item(pk, fromSk));
        row.put("sk", AttributeValue.fromS(toSk));
        row.put("message", AttributeValue.fromS(message));
        admin.transactWriteItems(b -> b.transactItems(
                t -> t.delete(d -> d.tableName(TABLE).key(key(pk, fromSk))),
                t -> t.put(p -> p.tableName(TABLE).item(row))));
    }
}
