package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.stream.DecodedRecord.Malformed;
import com.cruddur.messaging.stream.DecodedRecord.SkipReason;
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
