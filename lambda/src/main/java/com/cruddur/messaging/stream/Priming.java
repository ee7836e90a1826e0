package com.cruddur.messaging.stream;

import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, run the per-record code
 * path once, so that the snapshot holds its classes loaded and its code warm, and send its
 * requests: the index query of a conversation that cannot exist, and the re-creation of a row that
 * does not exist. In a transaction the delete is conditional on the row existing, so DynamoDB
 * cancels the whole transaction; on the put-first path only the delete is sent, and its condition
 * refuses it. Nothing is written; the signer, marshallers, HTTP client and the failed condition's
 * parsing are warm all the same.
 */
final class Priming implements Resource {

    private final RecordDecoder decoder;
    private final GroupRowStore store;
    private final StructuredLog log;
    private final Jitter jitter;
    private volatile boolean restored;

    Priming(RecordDecoder decoder, GroupRowStore store, StructuredLog log, Jitter jitter) {
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
            String group = "priming-" + UUID.randomUUID();
            DecodedRecord decoded = decoder.decode(StreamRecords.message(group, "2026-01-01T00:00:00.000000+00:00")
                    .text("priming").eventId("priming").build(), 0);
            if (decoded instanceof DecodedRecord.Message m) {
                List<GroupRow> rows = new ArrayList<>(store.findRows(group)); // empty: the group cannot exist
                GroupRow absent = absentRow(group);
                rows.add(absent);
                Planner.newestPerGroup(List.of(m.message()));
                GroupPlan plan = Planner.plan(m.message(), rows, Map.of());
                // Nothing may be written. In a transaction the absent row's delete cancels its
                // re-creation with it; outside one the put would go through on its own, so the
                // put-first path sends only the delete, which its own condition refuses.
                List<RowAction> actions = store.writeMode() == WriteMode.TRANSACTIONAL
                        ? plan.actions() : List.of(new RowAction.RemoveDuplicate(absent));
                WriteResult result = store.apply(group, actions, new MovesInFlight());
                log.info(LogEvents.PRIMED, Map.of("group", group, "writeMode", store.writeMode().value(),
                        "writesRefused", result.conflict()));
            }
        } catch (RuntimeException e) {
            log.warn(LogEvents.PRIMING_FAILED, Map.of("cause", Retries.describe(e)));
        }
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
