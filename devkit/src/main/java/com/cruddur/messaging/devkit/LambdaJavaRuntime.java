package com.cruddur.messaging.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lambda's managed Java runtime, reproduced on this machine: a child JVM that runs the real runtime
 * interface client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) on the
 * runtime's own class path, in the function's task root, with the managed runtime's JVM flags and
 * environment. The runtime loads the function from its working directory, as in Lambda
 * ({@code CustomerClassLoader}: the task root's classes, then {@code lib/*.jar}); the deployment jar
 * is extracted there as Lambda extracts a function's .zip or .jar.
 *
 * <p>The JVM flags are those of Lambda's Java runtime's launch command (serial GC, C1 only, the
 * {@code org.crac} compatibility property that routes {@code org.crac} registrations to the
 * client's own {@code com.amazonaws.services.lambda.crac}, the JNI client library given by path),
 * plus what JDK 25 asks of a program that loads a native library.
 *
 * <p>The runtime's class path comes from a file the build writes ({@code maven-dependency-plugin}'s
 * {@code build-classpath} of the runtime interface client: lambda's and bench's pom.xml). Used by
 * the lambda module's {@code LambdaRuntimeIT} and the benchmark's wire mode ({@code bench --wire}).
 */
public final class LambdaJavaRuntime implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;
    /** A reader's failure: the output would be incomplete, so {@link #close()} reports it. */
    private volatile IOException readFailure;

    private LambdaJavaRuntime(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), stdout, "runtime-stdout");
        this.errReader = reader(process.getErrorStream(), stderr, "runtime-stderr");
    }

    /**
     * Starts the runtime in {@code taskRoot} with exactly {@code environment} (nothing inherited
     * from this process).
     */
    public static LambdaJavaRuntime start(Path runtimeClassPath, Path taskRoot, Path jniLibrary,
                                          Map<String, String> environment) throws IOException {
        return start(runtimeClassPath, taskRoot, jniLibrary, environment, List.of());
    }

    /**
     * As {@link #start(Path, Path, Path, Map)}, with {@code jvmArguments} added to the managed
     * runtime's flags: for a JVM of this machine only (the benchmark's trust in its TLS relay),
     * never a setting the deployed function has (that goes in {@code environment}, as
     * {@code JAVA_TOOL_OPTIONS}, where the stack sets it).
     */
    public static LambdaJavaRuntime start(Path runtimeClassPath, Path taskRoot, Path jniLibrary,
                                          Map<String, String> environment, List<String> jvmArguments) throws IOException {
        String classPath = Files.readString(runtimeClassPath).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jniLibrary,
                // JDK 24+: loading the JNI client and the client's use of sun.misc.Unsafe are allowed
                // explicitly, instead of printing warnings on standard error.
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(jvmArguments);
        command.addAll(List.of("-classpath", classPath,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                environment.get("_HANDLER")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new LambdaJavaRuntime(builder.start());
    }

    /**
     * The variables the managed Java runtime has for a function (Lambda developer guide, "Defined
     * runtime environment variables"), with the Runtime API at {@code runtimeApi} and the code in
     * {@code taskRoot}; the caller adds the function's own variables on top.
     */
    public static Map<String, String> managedEnvironment(String runtimeApi, Path taskRoot, Path runtimeDir,
                                                         String functionName, String version, String logStream,
                                                         String logFormat) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_LOG_FORMAT", logFormat);
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    /** Extracts a .jar or .zip into {@code dir}, as Lambda extracts a function's package into its task root. */
    public static Path extract(Path archive, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return dir;
    }

    /**
     * Copies the client's linux x86_64 JNI library out of its jar into {@code dir}: the managed
     * runtime passes it by path too, and a private copy avoids the client's default, a fixed file
     * in /tmp that other processes on this machine may be rewriting.
     */
    public static Path jniLibrary(Path runtimeClassPath, Path dir) throws IOException {
        for (String entry : Files.readString(runtimeClassPath).strip().split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client")) {
                try (ZipFile jar = new ZipFile(entry)) {
                    ZipEntry lib = jar.getEntry("jni/libaws-lambda-jni.linux-x86_64.so");
                    Path target = dir.resolve("libaws-lambda-jni.linux-x86_64.so");
                    try (InputStream in = jar.getInputStream(lib)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return target;
                }
            }
        }
        throw new IllegalStateException("no runtime interface client on " + runtimeClassPath);
    }

    /** The runtime's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the runtime with SIGTERM (as Lambda shuts an environment down) and returns once all its
     * output is read. The signal goes through the {@link ProcessHandle}: {@link Process#destroy()}
     * would also close this side's pipes, and lines the readers had not reached yet would be lost.
     */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        outReader.join(30_000);
        errReader.join(30_000);
        if (readFailure != null || outReader.isAlive() || errReader.isAlive()) {
            throw new IllegalStateException("the runtime's output could not be read to its end", readFailure);
        }
    }

    /** Every line the runtime wrote to standard output (where its log sink writes outside Lambda), so far. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Every line the runtime wrote to standard error, so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                readFailure = e;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
