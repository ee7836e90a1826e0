package com.cruddur.messaging.stream;

import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, run the per-record code
 * path as a batch runs it, so that the snapshot holds its classes loaded and its code warm, and
 * send its requests: the index query of a conversation that cannot exist, and the re-creation of a
 * row that does not exist. In a transaction the delete is conditional on the row existing, so
 * DynamoDB cancels the whole transaction; on the put-first path the put and the delete are sent
 * each with a condition that refuses it. Nothing is written; the signer, marshallers, HTTP client
 * and the failed condition's parsing are warm all the same.
 *
 * <p>A batch updates its conversations at once, each on its own connection: priming does
 * {@link #CONVERSATIONS_AT_ONCE} at once, {@link #ROUNDS} times, so that the concurrent path, the
 * TLS handshake and the request code run often enough for the JIT (one pass only loads their
 * classes). On a restore the connections it opened are gone and the first batch opens its own;
 * what stays warm is the code (BENCHMARKS.md, "Priming").
 *
 * <p>Then it runs whole batches through the batch path an invocation takes ({@link StreamProcessor}:
 * decoding with the stream ARN check, grouping, the concurrent updates, the report, its log line
 * and metrics document, the response), {@link #BATCH_ROUNDS} times: the records are messages of
 * conversations that cannot exist, so each update reads nothing and plans nothing to write. The
 * log lines and metrics documents are formatted and dropped: priming's counts are no traffic.
 * With each batch, the runtime's own serialization reads the event and writes the response
 * ({@link RuntimeSerialization}), and the classes of the write responses that priming never
 * receives are loaded.
 */
final class Priming implements Resource {

    /**
     * Conversations primed at once: a typical batch's requests in flight at once (BENCHMARKS.md's
     * typical mix: batches of up to 10 records, each conversation's rows written at once).
     */
    static final int CONVERSATIONS_AT_ONCE = 20;
    /** Times each of them is primed: enough for the JIT to compile the request path. */
    static final int ROUNDS = 10;
    /** Records of each primed batch: a typical batch (BENCHMARKS.md's typical mix: up to 10). */
    static final int BATCH_RECORDS = 10;
    /** Primed batches: as many as the rounds of writes, for the JIT. */
    static final int BATCH_ROUNDS = ROUNDS;

    private final StreamProcessor processor;
    private final String tableName;

    private final RecordDecoder decoder;
    private final GroupRowStore store;
    private final StructuredLog log;
    private final Jitter jitter;
    private volatile boolean restored;
    private boolean runtimeSerializationWarm;

    Priming(StreamProcessor processor, String tableName, RecordDecoder decoder, GroupRowStore store,
            StructuredLog log, Jitter jitter) {
        this.processor = processor;
        this.tableName = tableName;
        this.decoder = decoder;
        this.store = store;
        this.log = log;
        this.jitter = jitter;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Credentials and connections are renewed by the SDK on demand; the retry jitter is not: every
        // environment restored from this snapshot would otherwise draw the same delays.
        jitter.reseed();
        restored = true;
    }

    /** Whether this execution environment was restored from a snapshot (the runtime called {@link #afterRestore}). */
    boolean restored() {
        return restored;
    }

    /** Runs the warm-up; never throws (a failed warm-up only costs the first invocation time). */
    void prime() {
        try {
            boolean refused = true;
            String group = null;
            for (int round = 0; round < ROUNDS; round++) {
                List<java.util.concurrent.Future<String>> conversations = new ArrayList<>();
                try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int c = 0; c < CONVERSATIONS_AT_ONCE; c++) {
                        conversations.add(executor.submit(this::primeOneConversation));
                    }
                }
                for (var conversation : conversations) {
                    group = conversation.get();
                    refused &= group != null;
                }
            }
            loadWriteResponses();
            boolean batchesWroteNothing = true;
            for (int round = 0; round < BATCH_ROUNDS; round++) {
                batchesWroteNothing &= primeOneBatch();
            }
            log.info(LogEvents.PRIMED, Map.of("group", String.valueOf(group), "writeMode", store.writeMode().value(),
                    "writesRefused", refused, "conversations", CONVERSATIONS_AT_ONCE * ROUNDS,
                    "batches", BATCH_ROUNDS, "batchesWroteNothing", batchesWroteNothing,
                    "runtimeSerialization", runtimeSerializationWarm));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn(LogEvents.PRIMING_FAILED, Map.of("cause", "interrupted"));
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            log.warn(LogEvents.PRIMING_FAILED, Map.of("cause", Retries.describe(e instanceof java.util.concurrent.ExecutionException
                    ? e.getCause() : e)));
        }
    }

    /** One conversation's read, plan and refused writes; its group, or null if a write went through. */
    private String primeOneConversation() {
        String group = "priming-" + UUID.randomUUID();
        DecodedRecord decoded = decoder.decode(StreamRecords.message(group, "2026-01-01T00:00:00.000000+00:00")
                .text("priming").eventId("priming").build(), 0);
        if (!(decoded instanceof DecodedRecord.Message m)) {
            throw new IllegalStateException("the priming record did not decode as a message");
        }
        List<GroupRow> rows = new ArrayList<>(store.findRows(group)); // empty: the group cannot exist
        GroupRow absent = absentRow(group);
        rows.add(absent);
        Planner.newestPerGroup(List.of(m.message()));
        GroupPlan plan = Planner.plan(m.message(), rows, Map.of());
        // Nothing may be written. In a transaction the absent row's delete cancels its re-creation
        // with it; outside one the put would go through on its own, so the put-first path sends
        // the put with a condition that refuses it, then the delete, which its own condition refuses.
        if (store.writeMode() == WriteMode.TRANSACTIONAL) {
            return store.apply(group, plan.actions(), new MovesInFlight()).conflict() ? group : null;
        }
        boolean putRefused = plan.actions().stream().filter(RowAction.Recreate.class::isInstance)
                .map(RowAction.Recreate.class::cast).allMatch(r -> store.putRefused(r.replacement()));
        WriteResult deleted = store.apply(group, List.of(new RowAction.RemoveDuplicate(absent)), new MovesInFlight());
        return putRefused && deleted.conflict() ? group : null;
    }

    /**
     * One batch of {@link #BATCH_RECORDS} messages of conversations that cannot exist, through the
     * batch path; whether it wrote nothing and failed nothing (its report).
     */
    private boolean primeOneBatch() {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < BATCH_RECORDS; i++) {
            records.add(StreamRecords.message("priming-" + UUID.randomUUID(), "2026-01-01T00:00:00.000000+00:00")
                    .text("priming").sequenceNumber(Integer.toString(i + 1))
                    .sourceArn(StreamRecords.streamArn(tableName)).build());
        }
        // Formatted as an invocation's lines are, then dropped.
        StructuredLog dropped = StructuredLog.to((level, line) -> { }, () -> "priming");
        DynamodbEvent batch = StreamRecords.batch(records);
        InvocationReport report = processor.process(batch,
                Deadline.in(Duration.ofMinutes(1), System::nanoTime), dropped, new FunctionInstance("priming", "priming", false));
        runtimeSerializationWarm = RuntimeSerialization.roundTrip(batch, report.response());
        return report.response().getBatchItemFailures().isEmpty() && report.messages() == BATCH_RECORDS
                && report.rowsRecreated() + report.rowsEdited() + report.duplicatesRemoved() == 0;
    }

    /**
     * Loads the responses of writes that go through, which priming never receives (its writes are
     * refused): their classes build their field tables when first loaded, in the first batch.
     */
    private static void loadWriteResponses() {
        PutItemResponse.builder().build();
        DeleteItemResponse.builder().build();
        UpdateItemResponse.builder().build();
        TransactWriteItemsResponse.builder().build();
    }

    /** A row that is not in the table: its re-creation must be cancelled by its own condition. */
    private static GroupRow absentRow(String group) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put(MessagesTable.PK, AttributeValue.fromS(
                MessagesTable.groupPk("priming-" + UUID.randomUUID())));
        row.put(MessagesTable.SK, AttributeValue.fromS("2000-01-01T00:00:00.000000+00:00"));
        row.put(MessagesTable.ATTR_MESSAGE_GROUP_UUID, AttributeValue.fromS(group));
        row.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS("priming"));
        return new GroupRow(row);
    }
}
