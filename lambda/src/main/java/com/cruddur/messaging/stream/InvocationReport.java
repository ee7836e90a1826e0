package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one invocation did, for the log line, the local CLI and the tests.
 *
 * @param records   records in the batch
 * @param messages  records that carried a new or edited message
 * @param skipped   well-formed records that needed no work, by reason
 * @param malformed records that could not be understood (logged and skipped)
 * @param groups    one outcome per conversation of the batch
 * @param response  what the handler returns to Lambda
 * @param duration  the handler's time
 */
public record InvocationReport(
        int records,
        int messages,
        Map<SkipReason, Integer> skipped,
        List<Malformed> malformed,
        List<GroupOutcome> groups,
        StreamsEventResponse response,
        Duration duration) {

    /**
     * What happened to one conversation in one invocation.
     *
     * @param messageGroupUuid  the conversation
     * @param eventId           the eventID of the record that decided it: its newest message in the batch
     * @param sequenceNumber    that record's sequence number (what a batch item failure reports)
     * @param position          that record's index in the batch
     * @param recreated         rows moved to the message's sort key
     * @param edited            rows whose message was updated in place
     * @param duplicatesRemoved duplicate rows deleted
     * @param staleRows         rows already newer than the message, left alone
     * @param attempts          read-plan-write attempts made
     * @param failure           why the conversation could not be updated, or null when it was
     */
    public record GroupOutcome(
            String messageGroupUuid,
            String eventId,
            String sequenceNumber,
            int position,
            int recreated,
            int edited,
            int duplicatesRemoved,
            int staleRows,
            int attempts,
            String failure) {

        /** The outcome of the conversation {@code message} decided. */
        static GroupOutcome of(NewMessage message, int recreated, int edited, int duplicatesRemoved, int staleRows,
                               int attempts, String failure) {
            return new GroupOutcome(message.messageGroupUuid(), message.eventId(), message.sequenceNumber(),
                    message.position(), recreated, edited, duplicatesRemoved, staleRows, attempts, failure);
        }

        public boolean failed() {
            return failure != null;
        }

        /** Whether any row was written. */
        public boolean updated() {
            return recreated + edited + duplicatesRemoved > 0;
        }
    }

    /** Why a well-formed record needed no work. */
    public enum SkipReason {
        /** A deleted item: conversations do not move back when a message is deleted. */
        REMOVE,
        /** Not a message item, for example the handler's own {@code GRP#} writes coming back. */
        NOT_A_MESSAGE,
        /** No new image (a stream without NEW_IMAGE): there is no message text to show. */
        NO_NEW_IMAGE
    }

    /**
     * A record that cannot be understood. It is logged and skipped: retrying it cannot help and
     * would block its shard.
     *
     * @param problem what is wrong, in words that never quote the record's content
     */
    public record Malformed(String eventId, String sequenceNumber, int position, String problem) implements DecodedRecord {
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long groupsUpdated() {
        return groups.stream().filter(g -> !g.failed() && g.updated()).count();
    }

    public long groupsFailed() {
        return groups.stream().filter(GroupOutcome::failed).count();
    }

    public int rowsRecreated() {
        return groups.stream().mapToInt(GroupOutcome::recreated).sum();
    }

    public int rowsEdited() {
        return groups.stream().mapToInt(GroupOutcome::edited).sum();
    }

    public int duplicatesRemoved() {
        return groups.stream().mapToInt(GroupOutcome::duplicatesRemoved).sum();
    }

    public int staleRows() {
        return groups.stream().mapToInt(GroupOutcome::staleRows).sum();
    }

    /** Retries: each conversation's read-plan-write attempts after its first, summed. */
    public int retries() {
        return groups.stream().mapToInt(g -> Math.max(0, g.attempts() - 1)).sum();
    }

    /** The sequence numbers returned as batch item failures. */
    public List<String> failedSequenceNumbers() {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
