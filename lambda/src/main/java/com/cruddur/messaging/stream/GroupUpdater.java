package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings one conversation's rows up to its newest message: read, plan, write, and on a failed
 * condition or a passing fault, wait and do it all again from a fresh read. Never a blind write.
 */
record GroupUpdater(GroupRowStore store, Config config, Sleeper sleeper, Jitter jitter) {

    GroupOutcome update(NewMessage message, Deadline deadline) {
        Map<String, Set<String>> takenKeys = new LinkedHashMap<>();
        MovesInFlight moves = new MovesInFlight();
        int recreated = 0;
        int edited = 0;
        int removed = 0;
        int stale = 0;
        String lastFailure = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Duration wait = Retries.backoff(attempt - 1, config.backoffBase(), config.backoffMax(), jitter);
                if (!deadline.allows(wait)) {
                    return GroupOutcome.of(message, recreated, edited, removed, stale, attempt - 1,
                            lastFailure + "; out of time");
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return GroupOutcome.of(message, recreated, edited, removed, stale, attempt - 1, "interrupted");
                }
            }
            try {
                List<GroupRow> rows = moves.rowsToPlanFrom(store.findRows(message.messageGroupUuid()));
                GroupPlan plan = Planner.plan(message, rows, takenKeys);
                stale = plan.staleRows();
                if (plan.isEmpty()) {
                    return GroupOutcome.of(message, recreated, edited, removed, stale, attempt, null);
                }
                WriteResult result = store.apply(message.messageGroupUuid(), plan.actions(), moves);
                recreated += result.recreated();
                edited += result.edited();
                removed += result.duplicatesRemoved();
                if (!result.conflict()) {
                    return GroupOutcome.of(message, recreated, edited, removed, stale, attempt, null);
                }
                result.takenKeys().forEach((pk, sks) ->
                        takenKeys.computeIfAbsent(pk, k -> new LinkedHashSet<>()).addAll(sks));
                lastFailure = "condition failed (rows changed since read)";
            } catch (RuntimeException e) {
                lastFailure = Retries.describe(e);
                if (!Retries.isTransient(e)) {
                    return GroupOutcome.of(message, recreated, edited, removed, stale, attempt, lastFailure);
                }
            }
        }
        return GroupOutcome.of(message, recreated, edited, removed, stale, config.maxAttempts(),
                lastFailure + "; gave up after " + config.maxAttempts() + " attempts");
    }
}
