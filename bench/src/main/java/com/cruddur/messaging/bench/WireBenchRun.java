package com.cruddur.messaging.bench;

import com.cruddur.messaging.bench.wire.RelayOverhead;
import com.cruddur.messaging.bench.wire.WireRelay;
import com.cruddur.messaging.bench.wire.WireSettings;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What {@code bench --wire} prints: per traffic shape, group size and strategy, the figures of
 * {@link WireBenchmark} and the modelled AWS duration and cost from them ({@link ModelledDuration});
 * with {@code --priming}, the first invocation after priming against the steady ones instead.
 */
record WireBenchRun(PrintStream out, WireBenchmark bench, WireSettings wire, int memoryMb) {

    /** The run's heading, and the relay's own overhead per request (measured once per run). */
    static void heading(PrintStream out, WireRelay relay, java.net.URI dynamoDb, WireBenchmark.HandlerSettings settings,
                        int memoryMb) {
        out.println("modelled wire: TLS relay at " + relay.endpoint() + " in front of DynamoDB Local at " + dynamoDb
                + ", " + relay.settings());
        out.println("function: the deployment jar under the runtime interface client in a child JVM, " + memoryMb
                + " MB (vCPU share " + String.format(Locale.ROOT, "%.2f", ModelledDuration.vcpuShare(memoryMb))
                + "), MAX_CONCURRENCY " + settings.concurrency() + ", JAVA_TOOL_OPTIONS '" + settings.javaToolOptions()
                + "'" + (settings.snapStart() ? ", SnapStart priming" : ", no priming") + "; prices " + Pricing.REGION
                + " as of " + Pricing.CHECKED + "; " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println("relay overhead per request (measured, loopback, nothing added): "
                + RelayOverhead.measure(dynamoDb, 200).summary());
    }

    /** The table of one shape: a row per group size and strategy. */
    void shape(TrafficShape shape, List<Workload> workloads, List<Strategy> strategies,
               WireBenchmark.HandlerSettings settings, PrintStream progress) {
        out.printf("%n%s traffic (%s)%n", shape.label(), shape.description());
        out.printf("  %5s %-13s %7s %7s %6s %6s %9s %9s %11s %26s %8s %10s %24s %8s %8s%n", "group", "strategy", "inv/msg",
                "req/msg", "RRU", "WRU", "RT/batch", "TLS/batch", "CPU ms", "modelled ms/batch (mean):", "p50 ms",
                "GB-s/msg", "$/M msgs: DDB + Lambda", "rig ms", "DDBL ms");
        out.printf("  %5s %-13s %7s %7s %6s %6s %9s %9s %11s %26s %8s %10s %24s %8s %8s%n", "", "", "", "", "/msg", "/msg",
                "p50/max", "1st/stdy", "mean/p50", "RTxL + conn + CPU/share", "modelled", "modelled", "= total", "p50",
                "/req p50");
        out.printf("  %5s %-13s %7s %7s %6s %6s %9s %9s %11s %26s %8s %10s %24s %8s %8s%n", "", "", "measured", "measured",
                "model", "model", "measured", "measured", "measured", "computed (rule above)", "computed", "computed",
                "computed (Pricing)", "measured", "measured");
        for (Workload workload : workloads) {
            for (Strategy strategy : strategies) {
                progress.println("… wire: " + shape.label() + ", " + workload.participants() + " participants: " + strategy.label());
                row(workload.participants(), bench.run(strategy, workload, shape, settings, false));
            }
        }
    }

    private void row(int participants, WireBenchmark.Run run) {
        List<WireBenchmark.Batch> batches = run.batches();
        Strategy strategy = run.strategy();
        List<ModelledDuration> modelled = batches.stream().map(b -> b.modelled(strategy, wire, memoryMb)).toList();
        int[] roundTrips = batches.stream().mapToInt(b -> b.criticalChain(strategy, wire).requests()).toArray();
        double[] cpu = batches.stream().mapToDouble(b -> b.cpuNanos() / 1e6).toArray();
        int firstHandshakes = batches.getFirst().timeline().connectionsAccepted();
        int steadyHandshakes = batches.stream().skip(1).mapToInt(b -> b.timeline().connectionsAccepted()).max().orElse(0);
        int requests = run.requests().values().stream().mapToInt(Integer::intValue).sum();
        long billedMillis = modelled.stream().mapToLong(m -> (long) Math.ceil(m.totalMillis())).sum();
        double gbSecondsPerMessage = billedMillis / 1000.0 * memoryMb / 1024.0 / run.messages();
        double invocationsPerMessage = (double) batches.size() / run.messages();
        double dynamo = Pricing.dynamoDbPerMillionMessages(run.units().read() / run.messages(), run.units().write() / run.messages());
        double lambda = Pricing.lambdaPerMillionMessages(invocationsPerMessage, gbSecondsPerMessage);
        long[] upstream = batches.stream().flatMap(b -> b.timeline().requests().stream())
                .mapToLong(r -> r.upstreamNanos()).sorted().toArray();
        out.printf(Locale.ROOT, "  %5d %-13s %7.3f %7.2f %6.2f %6.2f %4d/%-4d %4d/%-4d %5.0f/%-5.0f %6.1f + %5.1f + %6.1f = %6.1f %8.1f %10.5f %7.2f + %5.2f = %6.2f %8.1f %8.2f%n",
                participants, run.strategy().label(), invocationsPerMessage, (double) requests / run.messages(),
                run.units().read() / run.messages(), run.units().write() / run.messages(),
                median(roundTrips), Arrays.stream(roundTrips).max().orElse(0), firstHandshakes, steadyHandshakes,
                mean(batches, b -> b.cpuNanos() / 1e6), median(cpu),
                mean(modelled, ModelledDuration::wireMillis), mean(modelled, ModelledDuration::connectionMillis),
                mean(modelled, ModelledDuration::cpuMillis), mean(modelled, ModelledDuration::totalMillis),
                median(modelled.stream().mapToDouble(ModelledDuration::totalMillis).toArray()), gbSecondsPerMessage,
                dynamo, lambda, dynamo + lambda,
                median(batches.stream().mapToDouble(b -> b.wallNanos() / 1e6).toArray()),
                upstream.length == 0 ? 0 : upstream[upstream.length / 2] / 1e6);
    }

    /**
     * Priming: the first invocation after SnapStart's priming against the steady ones of the same
     * shape, for a typical batch (10 records: the upper end of the typical mix's 4-10 class) and a
     * full burst batch; and the burst again with priming's connections closed first, as a restore
     * closes them.
     */
    void priming(List<Strategy> strategies, WireBenchmark.HandlerSettings settings, PrintStream progress) {
        out.printf("%nfirst invocation after priming vs steady (same shape; batches back to back)%n");
        out.printf("  %-13s %-34s %9s %9s %6s %9s %9s %6s %9s %9s %9s %9s%n", "strategy", "batch", "1st model",
                "stdy p50", "ratio", "1st rig", "stdy rig", "ratio", "TLS 1st", "CPU 1st", "CPU stdy", "rt 1st/st");
        out.printf("  %-13s %-34s %9s %9s %6s %9s %9s %6s %9s %9s %9s %9s%n", "", "", "computed", "computed", "", "measured",
                "measured", "", "measured", "ms, meas.", "ms, meas.", "ms, meas.");
        record Case(String label, Workload workload, boolean afterRestore) {
        }
        List<Case> cases = List.of(
                new Case("typical: 10 records, 20 convs of 2", new Workload(20, 2, 120, 10, 0, 0, 11), false),
                new Case("burst: 100 records, 50 convs of 2", new Workload(50, 2, 600, 100, 0, 0, 12), false),
                new Case("burst after a restore", new Workload(50, 2, 600, 100, 0, 0, 12), true));
        for (Strategy strategy : strategies) {
            if (strategy == Strategy.ORIGINAL) {
                continue; // no priming hook
            }
            for (Case c : cases) {
                progress.println("… priming: " + strategy.label() + ", " + c.label());
                WireBenchmark.Run run = bench.run(strategy, c.workload(), TrafficShape.BURST, settings, c.afterRestore());
                List<WireBenchmark.Batch> batches = run.batches();
                double first = batches.getFirst().modelled(strategy, wire, memoryMb).totalMillis();
                double steady = median(batches.stream().skip(1).mapToDouble(b -> b.modelled(strategy, wire, memoryMb).totalMillis()).toArray());
                double firstRig = batches.getFirst().wallNanos() / 1e6;
                double steadyRig = median(batches.stream().skip(1).mapToDouble(b -> b.wallNanos() / 1e6).toArray());
                // The CPU apart: all of the JVM's, and the runtime's own thread (event in, response out).
                double firstCpu = batches.getFirst().cpuNanos() / 1e6;
                double steadyCpu = median(batches.stream().skip(1).mapToDouble(b -> b.cpuNanos() / 1e6).toArray());
                double firstRuntime = batches.getFirst().runtimeThreadCpuNanos() / 1e6;
                double steadyRuntime = median(batches.stream().skip(1)
                        .mapToDouble(b -> b.runtimeThreadCpuNanos() / 1e6).toArray());
                out.printf(Locale.ROOT, "  %-13s %-34s %9.1f %9.1f %5.2fx %9.1f %9.1f %5.2fx %9d %9.1f %9.1f %4.1f/%4.1f%n",
                        strategy.label(), c.label(), first, steady, first / steady, firstRig, steadyRig,
                        firstRig / steadyRig, batches.getFirst().timeline().connectionsAccepted(), firstCpu, steadyCpu,
                        firstRuntime, steadyRuntime);
            }
        }
    }

    private static <T> double mean(List<T> values, ToDoubleFunction<T> f) {
        return values.stream().mapToDouble(f).average().orElse(0);
    }

    private static int median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
