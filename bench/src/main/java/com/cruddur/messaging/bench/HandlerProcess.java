package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.LambdaJavaRuntime;
import com.cruddur.messaging.devkit.RuntimeApiEmulator;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A function under Lambda's Java runtime in a child JVM ({@link LambdaJavaRuntime}, the runtime
 * interface client with the managed runtime's flags), fed one invocation at a time by a Runtime
 * API emulator, with its process CPU read around each invocation ({@link ProcessCpu}).
 */
final class HandlerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(120);
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:bench:1";

    /**
     * What every run shares: the runtime's class path (a file the build writes), the task root
     * (the deployment jar extracted as Lambda extracts it, plus the original design's two classes),
     * the runtime's JNI library.
     */
    record Setup(Path runtimeClassPath, Path taskRoot, Path jni) {

        static Setup prepare(Path deploymentJar, Path runtimeClassPath, Path work) {
            if (!Files.isRegularFile(deploymentJar)) {
                throw new CliException(ExitCode.BAD_INPUT, "no deployment jar at " + deploymentJar + " (./dev build)");
            }
            if (!Files.isRegularFile(runtimeClassPath)) {
                throw new CliException(ExitCode.BAD_INPUT, "no runtime class path at " + runtimeClassPath
                        + " (./dev mvn -pl bench -am -DskipTests package writes it)");
            }
            try {
                Path taskRoot = LambdaJavaRuntime.extract(deploymentJar, Files.createDirectories(work.resolve("task")));
                for (Class<?> type : List.of(BaselineHandler.class, BaselineStrategy.class)) {
                    copyClass(type, taskRoot);
                }
                return new Setup(runtimeClassPath, taskRoot, LambdaJavaRuntime.jniLibrary(runtimeClassPath, work));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the function's task root in " + work, e);
            }
        }

        private static void copyClass(Class<?> type, Path taskRoot) throws IOException {
            String entry = type.getName().replace('.', '/') + ".class";
            Path target = taskRoot.resolve(entry);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private final RuntimeApiEmulator api;
    private final LambdaJavaRuntime runtime;

    private HandlerProcess(RuntimeApiEmulator api, LambdaJavaRuntime runtime) {
        this.api = api;
        this.runtime = runtime;
    }

    /**
     * Starts the runtime with the managed runtime's variables and {@code environment} on top, and
     * waits until it asks for its first invocation: initialised, primed on the SnapStart path.
     */
    static HandlerProcess start(Setup setup, Map<String, String> environment, List<String> jvmArguments) {
        RuntimeApiEmulator api = new RuntimeApiEmulator(FUNCTION_ARN);
        try {
            Map<String, String> env = LambdaJavaRuntime.managedEnvironment(api.address(), setup.taskRoot(),
                    setup.taskRoot().getParent(), "bench", "1", "bench", "JSON");
            env.putAll(environment);
            LambdaJavaRuntime runtime = LambdaJavaRuntime.start(setup.runtimeClassPath(), setup.taskRoot(), setup.jni(),
                    env, jvmArguments);
            HandlerProcess process = new HandlerProcess(api, runtime);
            process.awaitReady();
            return process;
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start the Lambda runtime", e);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!api.calls().contains("GET /invocation/next")) {
            if (!runtime.isAlive() || System.nanoTime() > deadline) {
                throw failure("the runtime did not ask for an invocation within " + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The child JVM's CPU time so far, in nanoseconds. */
    long cpuNanos() {
        return ProcessCpu.nanos(runtime.pid());
    }

    /** The CPU time so far of the runtime's own thread (the JVM's main thread), in nanoseconds. */
    long runtimeThreadCpuNanos() {
        return ProcessCpu.mainThreadNanos(runtime.pid());
    }

    /** One invocation; a function error or no answer stops the measurement. */
    RuntimeApiEmulator.Result invoke(byte[] event) {
        RuntimeApiEmulator.Result result;
        try {
            result = api.invoke(event, INVOKE_TIMEOUT, runtime::isAlive);
        } catch (IllegalStateException e) {
            throw failure(e.getMessage());
        }
        if (!result.success()) {
            throw failure("the function failed: " + result.errorType());
        }
        return result;
    }

    /** The function's log lines so far. */
    List<String> stdout() {
        return runtime.stdout();
    }

    private CliException failure(String what) {
        List<String> err = runtime.stderr();
        return new CliException(ExitCode.MEASUREMENT_FAILED, what
                + (err.isEmpty() ? "" : "; its standard error ends: " + err.get(err.size() - 1)));
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }
}
