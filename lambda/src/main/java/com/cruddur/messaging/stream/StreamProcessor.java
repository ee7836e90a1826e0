package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import com.cruddur.messaging.stream.DecodedRecord.Message;
import com.cruddur.messaging.stream.DecodedRecord.Skipped;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import com.cruddur.messaging.stream.InvocationReport.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One invocation, from batch to response: decode every record, keep each conversation's newest
 * message, update the conversations (concurrently, bounded), and report the failures.
 *
 * <p>Failure reporting: Lambda checkpoints a stream at the lowest sequence number returned in
 * {@code batchItemFailures} and redelivers from there. A failed conversation is reported with the
 * sequence number of the record that decided it (its newest message). Its earlier records are
 * older, so they need no redelivery; and any record of another conversation after that point is
 * redelivered too, which is harmless because every write is idempotent.
 */
record StreamProcessor(RecordDecoder decoder, GroupUpdater updater, int maxConcurrency, EmbeddedMetrics metrics) {

    /**
     * Processes one batch. Never throws because of a record's content. Logs each malformed record
     * and failed conversation, then the batch's summary ({@code batch_processed}) and its metrics.
     */
    InvocationReport process(DynamodbEvent event, Deadline deadline, StructuredLog log, FunctionInstance function) {
        long start = System.nanoTime();
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();

        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        List<Malformed> malformed = new ArrayList<>();
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            switch (decoder.decode(records.get(i), i)) {
                case Message m -> messages.add(m.message());
                case Skipped s -> {
                    skipped.merge(s.reason(), 1, Integer::sum);
                    if (s.reason() == SkipReason.NO_NEW_IMAGE) {
                        // A message without its image: the stream is not NEW_IMAGE. Worth a look.
                        DynamodbStreamRecord r = records.get(i);
                        log.warn(LogEvents.RECORD_SKIPPED, fields("eventID", r.getEventID(),
                                "sequenceNumber", r.getDynamodb().getSequenceNumber(), "position", i,
                                "reason", "no NewImage: is the stream view type NEW_IMAGE?"));
                    }
                }
                case Malformed m -> {
                    malformed.add(m);
                    log.error(LogEvents.MALFORMED_RECORD, fields(
                            "eventID", m.eventId(), "sequenceNumber", m.sequenceNumber(),
                            "position", m.position(), "problem", m.problem()));
                }
            }
        }

        List<GroupOutcome> outcomes = updateAll(List.copyOf(Planner.newestPerGroup(messages).values()), deadline);

        StreamsEventResponse response = new StreamsEventResponse();
        List<BatchItemFailure> failures = new ArrayList<>();
        outcomes.stream()
                .filter(GroupOutcome::failed)
                .sorted(Comparator.comparingInt(o -> o.position()))
                .forEach(o -> {
                    failures.add(new BatchItemFailure(o.sequenceNumber()));
                    log.error(LogEvents.GROUP_UPDATE_FAILED, fields(
                            "messageGroupUuid", o.messageGroupUuid(),
                            "eventID", o.eventId(),
                            "sequenceNumber", o.sequenceNumber(),
                            "attempts", o.attempts(), "cause", o.failure()));
                });
        response.setBatchItemFailures(failures);

        InvocationReport report = new InvocationReport(records.size(), messages.size(), skipped,
                List.copyOf(malformed), outcomes, response, Duration.ofNanos(System.nanoTime() - start));
        log.info(LogEvents.BATCH_PROCESSED, summary(report, function));
        log.metrics(metrics.document(report, function.name(), Instant.now()));
        return report;
    }

    private List<GroupOutcome> updateAll(List<NewMessage> newest, Deadline deadline) {
        if (newest.size() <= 1 || maxConcurrency == 1) {
            return newest.stream().map(m -> updater.update(m, deadline)).toList();
        }
        // Conversations are independent: update them at once, at most maxConcurrency at a time.
        // Virtual threads: the work is waiting on DynamoDB, and they cost nothing to start.
        Semaphore permits = new Semaphore(maxConcurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<GroupOutcome>> futures = new ArrayList<>();
            for (NewMessage message : newest) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return updater.update(message, deadline);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<GroupOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(outcome(futures.get(i), newest.get(i)));
            }
            return outcomes;
        }
    }

    private static GroupOutcome outcome(Future<GroupOutcome> future, NewMessage message) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GroupOutcome.of(message, 0, 0, 0, 0, 0, "interrupted");
        } catch (ExecutionException e) {
            // A defect, not a record's fault: report the conversation so Lambda retries it.
            return GroupOutcome.of(message, 0, 0, 0, 0, 0, Retries.describe(e.getCause()));
        }
    }

    private static Map<String, Object> summary(InvocationReport r, FunctionInstance function) {
        Map<String, Object> skipped = new LinkedHashMap<>();
        r.skipped().forEach((reason, count) -> skipped.put(reason.name().toLowerCase(Locale.ROOT), count));
        return fields(
                "functionVersion", function.version(),
                "restoredFromSnapshot", function.restoredFromSnapshot(),
                "records", r.records(),
                "messages", r.messages(),
                "skipped", skipped,
                "malformed", r.malformed().size(),
                "groups", r.groups().size(),
                "groupsUpdated", r.groupsUpdated(),
                "rowsRecreated", r.rowsRecreated(),
                "rowsEdited", r.rowsEdited(),
                "duplicatesRemoved", r.duplicatesRemoved(),
                "staleRows", r.staleRows(),
                "retries", r.retries(),
                "groupsFailed", r.groupsFailed(),
                "batchItemFailures", r.failedSequenceNumbers(),
                "durationMs", r.duration().toMillis());
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
