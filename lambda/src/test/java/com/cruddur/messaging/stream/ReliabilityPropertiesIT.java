package com.cruddur.messaging.stream;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.cruddur.messaging.stream.Shrinker.Run;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;

/**
 * Model-based tests of the promise: once the stream has been delivered, however it was batched,
 * duplicated, rewound, faulted, crashed or raced, every participant of every conversation has
 * exactly one row, carrying the newest message, with every other attribute intact; message items
 * are untouched; and at every point observed in between, the handler's invariant holds (today: no
 * row is missing or doubled).
 *
 * <p>Runs against DynamoDB Local; faults are injected at the client's seam, never by imitating
 * DynamoDB. Each property runs for every {@link #handlers() handler configuration}. Cases are
 * generated from seeds ({@link ReliabilityCase}); a failing case is shrunk and reported with the
 * commands that replay it. Settings (Maven passes {@code -D} options on to the tests):
 * (The racing property's thread interleaving is not replayed, only its case: stream, batches and faults.)
 * <ul>
 *   <li>{@code -Dreliability.cases=N}: generated cases per property and configuration (default 30);</li>
 *   <li>{@code -Dreliability.faultRate=P}: chance of a fault per request (default 0.15; the racing
 *       property uses half);</li>
 *   <li>{@code -Dreliability.runSeed=S}: the seed the cases' seeds come from (default: a new one
 *       each run, printed);</li>
 *   <li>{@code -Dreliability.seed=N}: run only the case of seed N (as a failure report prints it);</li>
 *   <li>{@code -Dreliability.case=TOKEN}: run only the given (shrunk) case.</li>
 * </ul>
 */
class ReliabilityPropertiesIT extends DynamoDbLocalTestBase {

    static final int CASES = Integer.getInteger("reliability.cases", 30);
    static final double FAULT_RATE = Double.parseDouble(System.getProperty("reliability.faultRate", "0.15"));
    static final long RUN_SEED = Long.getLong("reliability.runSeed", RandomGenerator.getDefault().nextLong());
    static final Long REPLAY_SEED = Long.getLong("reliability.seed");
    static final String REPLAY_CASE = System.getProperty("reliability.case");
    private static final int SHRINK_ATTEMPTS = 400;
    private static final Duration SHRINK_BUDGET = Duration.ofMinutes(3);
    private static final long STARTED = System.nanoTime();
    private static final Map<String, ReliabilityStats> STATS = new ConcurrentHashMap<>();

    /** The handler configurations every property runs for, each with the invariant it promises. */
    static Stream<HandlerUnderTest> handlers() {
        return Stream.of(HandlerUnderTest.transactional(), HandlerUnderTest.putFirst());
    }

    @AfterAll
    static void report() {
        long seconds = Duration.ofNanos(System.nanoTime() - STARTED).toSeconds();
        String cases = REPLAY_CASE != null ? "the case given by -Dreliability.case"
                : REPLAY_SEED != null ? "case seed " + REPLAY_SEED
                : CASES + " cases per property, run seed " + RUN_SEED;
        handlers().filter(h -> STATS.containsKey(h.name())).forEach(h -> STATS.get(h.name()).report(
                "reliability properties, " + h.name() + " handler: " + cases + ", fault rate " + FAULT_RATE
                        + ", " + seconds + " s"));
    }

    // ---------------------------------------------------------------- properties

    @TestFactory
    Stream<DynamicNode> anyDeliveryOfTheStreamEndsInTheModelsState(TestInfo info) {
        return property(info, true, seed -> ReliabilityCase.generate(seed, FAULT_RATE, true),
                ReliabilityHarness::deliverSequentially);
    }

    @TestFactory
    Stream<DynamicNode> twoHandlersRacingOnTheSameConversationsLetTheNewestMessageWin(TestInfo info) {
        return property(info, false, seed -> ReliabilityCase.generate(seed, FAULT_RATE / 2, false).withoutEdits(),
                ReliabilityHarness::deliverConcurrentlyInTwoHalves);
    }

    // ---------------------------------------------------------------- running cases

    /**
     * One container per handler configuration, holding one test per case. After a case fails (and
     * has been shrunk and reported), the configuration's later cases are skipped.
     */
    private Stream<DynamicNode> property(TestInfo info, boolean observe, LongFunction<ReliabilityCase> generator,
                                         Consumer<ReliabilityHarness> delivery) {
        String method = info.getTestMethod().orElseThrow().getName();
        return handlers().map(target -> {
            Property property = new Property(method, target, observe, delivery,
                    STATS.computeIfAbsent(target.name(), n -> new ReliabilityStats()));
            AtomicBoolean failed = new AtomicBoolean();
            List<DynamicTest> tests;
            if (REPLAY_CASE != null) {
                tests = List.of(dynamicTest("the case given by -Dreliability.case",
                        () -> property.check(ReliabilityCase.parse(REPLAY_CASE), null, failed)));
            } else if (REPLAY_SEED != null) {
                tests = List.of(dynamicTest("case seed " + REPLAY_SEED,
                        () -> property.check(generator.apply(REPLAY_SEED), REPLAY_SEED, failed)));
            } else {
                // Each property and configuration has its own sequence of case seeds from the run seed.
                RandomGenerator seeds = ReliabilityCase.random(RUN_SEED ^ ((long) (method + "/" + target.name()).hashCode() << 32));
                tests = Stream.generate(seeds::nextLong).limit(CASES).map(seed -> dynamicTest("case seed " + seed,
                        () -> property.check(generator.apply(seed), seed, failed))).toList();
            }
            return dynamicContainer(target.name() + " handler", tests);
        });
    }

    /** A property bound to one handler configuration. */
    private record Property(String method, HandlerUnderTest target, boolean observe,
                            Consumer<ReliabilityHarness> delivery, ReliabilityStats stats) {

        void check(ReliabilityCase c, Long seed, AtomicBoolean failed) {
            Assumptions.assumeFalse(failed.get(), "an earlier case of this property failed (see its report)");
            stats.inc("generated cases");
            Run run = run(c, stats);
            if (!run.failed()) {
                return;
            }
            failed.set(true);
            stats.inc("failing cases");
            System.out.println("reliability: case " + (seed == null ? c.token() : "seed " + seed) + " of " + method
                    + " failed; shrinking it...");
            Shrinker.Result smallest = Shrinker.shrink(c, run, candidate -> run(candidate, new ReliabilityStats()),
                    SHRINK_ATTEMPTS, SHRINK_BUDGET);
            AssertionError error = new AssertionError(report(c, seed, run, smallest), run.failure());
            if (smallest.steps() > 0) {
                error.addSuppressed(smallest.run().failure());
            }
            throw error;
        }

        /** One run of a case on a fresh table; a failure is returned, not thrown. */
        Run run(ReliabilityCase c, ReliabilityStats counts) {
            ReliabilityHarness harness = null;
            try (ReliabilityHarness h = new ReliabilityHarness(dynamoDb, admin, target, c, observe, counts)) {
                harness = h;
                delivery.accept(h);
                h.assertFinalStateEqualsModel();
                return new Run(null, h.struck());
            } catch (AssertionError | RuntimeException e) {
                return new Run(e, harness == null ? Map.of() : harness.struck());
            }
        }

        private String report(ReliabilityCase c, Long seed, Run run, Shrinker.Result smallest) {
            StringBuilder text = new StringBuilder();
            text.append("Reliability property ").append(method).append(" failed for the ").append(target.name())
                    .append(" handler.\n");
            if (seed != null) {
                text.append("Case seed ").append(seed)
                        .append(REPLAY_SEED == null ? " (run seed " + RUN_SEED + ", " : " (")
                        .append("fault rate ").append(FAULT_RATE).append("). Replay exactly this case:\n  ")
                        .append(replay("-Dreliability.seed=" + seed + " -Dreliability.faultRate=" + FAULT_RATE)).append('\n');
            }
            text.append("The case:\n").append(indent(c.describe()))
                    .append("Faults that struck: ").append(struck(run)).append('\n')
                    .append("Failure: ").append(firstLines(run.failure(), smallest.steps() == 0 ? 40 : 3)).append("\n\n");
            if (smallest.steps() == 0) {
                text.append("Shrinking found no smaller failing case in ").append(smallest.attempts()).append(" attempts.\n");
                return text.toString();
            }
            text.append("Smallest failing case found (").append(smallest.steps()).append(" of ")
                    .append(smallest.attempts()).append(" shrinking attempts still failed")
                    .append(smallest.complete() ? "; no single step makes it smaller" : "; shrinking budget spent")
                    .append("):\n").append(indent(smallest.smallest().describe()))
                    .append("Faults that struck: ").append(struck(smallest.run())).append('\n')
                    .append("Failure: ").append(firstLines(smallest.run().failure(), 40)).append('\n')
                    .append("Replay the smallest case:\n  ")
                    .append(replay("-Dreliability.case=" + smallest.smallest().token())).append('\n');
            return text.toString();
        }

        private String replay(String option) {
            return "./dev test -pl lambda -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dit.test=ReliabilityPropertiesIT#" + method + " " + option;
        }
    }

    private static String struck(Run run) {
        return run.struck().isEmpty() ? "none" : run.struck().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line + "\n").collect(Collectors.joining());
    }

    private static String firstLines(Throwable failure, int lines) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        List<String> all = text.lines().toList();
        return all.size() <= lines ? text
                : String.join("\n", all.subList(0, lines)) + "\n  ... (" + (all.size() - lines) + " more lines)";
    }
}
