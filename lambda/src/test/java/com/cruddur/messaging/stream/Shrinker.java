package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.ReliabilityCase.Slot;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Shrinks a failing {@link ReliabilityCase}: tries the case's smaller variants one at a time
 * (without a kind of fault, a conversation, a message, a batch boundary, a rewind, a fault that
 * struck, ...) and keeps the first that still fails, until none does or the budget is spent.
 * Greedy and simple; the smallest case it finds is replayable from its token.
 */
final class Shrinker {

    /** One run of a case: its failure (null when it passed) and the faults that struck. */
    record Run(Throwable failure, Map<Slot, String> struck) {

        boolean failed() {
            return failure != null;
        }
    }

    /**
     * @param smallest the smallest failing case found
     * @param run      its failing run
     * @param attempts runs tried
     * @param steps    runs that still failed (each made the case smaller)
     * @param complete whether no smaller variant fails (false: the budget ran out first)
     */
    record Result(ReliabilityCase smallest, Run run, int attempts, int steps, boolean complete) {
    }

    private Shrinker() {
    }

    static Result shrink(ReliabilityCase failing, Run failure, Function<ReliabilityCase, Run> runner,
                         int maxAttempts, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        ReliabilityCase current = failing;
        Run currentRun = failure;
        int attempts = 0;
        int steps = 0;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (ReliabilityCase candidate : current.smaller(currentRun.struck().keySet())) {
                if (attempts == maxAttempts || System.nanoTime() > deadline) {
                    return new Result(current, currentRun, attempts, steps, false);
                }
                attempts++;
                Run run = runner.apply(candidate);
                if (run.failed()) {
                    current = candidate;
                    currentRun = run;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Result(current, currentRun, attempts, steps, true);
    }
}
