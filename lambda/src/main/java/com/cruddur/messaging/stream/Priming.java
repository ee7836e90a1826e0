package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, run the per-record code
 * path once, so that the snapshot holds its classes loaded and its code warm, and send one
 * read-only request so that the SDK's signer, marshallers and HTTP client are warm too. Nothing
 * is written.
 */
final class Priming implements Resource {

    private final RecordDecoder decoder;
    private final GroupRowStore store;
    private final StructuredLog log;

    Priming(RecordDecoder decoder, GroupRowStore store, StructuredLog log) {
        this.decoder = decoder;
        this.store = store;
        this.log = log;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: credentials and connections are renewed by the SDK on demand.
    }

    /** Runs the warm-up; never throws (a failed warm-up only costs the first invocation time). */
    void prime() {
        try {
            String group = "priming-" + UUID.randomUUID();
            DecodedRecord decoded = decoder.decode(sampleRecord(group), 0);
            if (decoded instanceof DecodedRecord.Message m) {
                // The query of a conversation that cannot exist: the whole request path, no data.
                var rows = store.findRows(group);
                GroupPlan plan = Planner.plan(m.message(), rows, Map.of());
                GroupRowStore.chunks(plan.actions());
                Planner.newestPerGroup(List.of(m.message()));
            }
            log.info("primed", Map.of("group", group));
        } catch (RuntimeException e) {
            log.warn("priming_failed", Map.of("cause", Retries.describe(e)));
        }
    }

    private DynamodbStreamRecord sampleRecord(String group) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put(MessagesTable.PK, new AttributeValue().withS(MessagesTable.messagePk(group)));
        keys.put(MessagesTable.SK, new AttributeValue().withS("2026-01-01T00:00:00.000000+00:00"));
        Map<String, AttributeValue> image = new LinkedHashMap<>(keys);
        image.put(MessagesTable.ATTR_MESSAGE, new AttributeValue().withS("priming"));
        StreamRecord stream = new StreamRecord();
        stream.setKeys(keys);
        stream.setNewImage(image);
        stream.setSequenceNumber("0");
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("priming");
        record.setEventName("INSERT");
        record.setDynamodb(stream);
        return record;
    }
}
