package com.cruddur.messaging.stream;

import static com.cruddur.messaging.stream.Fixtures.ANDREW;
import static com.cruddur.messaging.stream.Fixtures.BAYKO;
import static com.cruddur.messaging.stream.Fixtures.G1;
import static com.cruddur.messaging.stream.Fixtures.G2;
import static com.cruddur.messaging.stream.Fixtures.G3;
import static com.cruddur.messaging.stream.Fixtures.LONDO;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LambdaJavaRuntime;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RuntimeApiEmulator;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The deployment jar ({@code target/messaging-stream-lambda.jar}, built by the package phase before
 * this test runs) under Lambda's real Java runtime interface client 2.9.0, in a child JVM with the
 * managed runtime's flags and environment ({@link LambdaJavaRuntime}), against a Runtime API
 * emulator on a loopback port ({@link RuntimeApiEmulator}) and DynamoDB Local. One runtime process
 * per test serves several sample events from {@code events/}, as a warm execution environment does.
 *
 * <p>Outside Lambda the client's log sink is standard output (no {@code _LAMBDA_TELEMETRY_LOG_FD}):
 * the bytes written there are the frames Lambda would ship to CloudWatch, so each stdout line is
 * one log event as CloudWatch would receive it.
 */
class LambdaRuntimeIT extends DynamoDbLocalTestBase {

    private static final String FUNCTION = "CruddurMessaging-StreamHandler";
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);
    /** The deployment jar (the file the CDK app deploys) and the runtime's class path, from the build (lambda/pom.xml). */
    private static final Path DEPLOYMENT_JAR = Path.of(System.getProperty("lambda.jar", "target/messaging-stream-lambda.jar"));
    private static final Path RUNTIME_CLASSPATH =
            Path.of(System.getProperty("lambda.runtime.classpath", "target/lambda-runtime.classpath"));

    @TempDir
    static Path work;
    static Path taskRoot;
    static Path jni;
    static Path awsConfig;

    @BeforeAll
    static void extractTheDeploymentJarAsLambdaDoes() throws IOException {
        taskRoot = LambdaJavaRuntime.extract(DEPLOYMENT_JAR, Files.createDirectories(work.resolve("task")));
        jni = LambdaJavaRuntime.jniLibrary(RUNTIME_CLASSPATH, work);
        // The SDK's profile file, isolated from this machine's (~/.aws), with one malformed section
        // whose warning (the SDK's ProfileFileReader, at WARN) shows where SDK logs go.
        awsConfig = Files.writeString(work.resolve("aws-config"), "[not-a-profile-section]\nregion = us-east-1\n");
    }

    /** The managed runtime's environment for this function (Lambda's "Defined runtime environment variables"). */
    private Map<String, String> environment(String runtimeApi, String logFormat, String logLevel,
                                                   String initializationType, String version) {
        Map<String, String> env = LambdaJavaRuntime.managedEnvironment(runtimeApi, taskRoot, work, FUNCTION, version,
                "2026/11/21/[" + version + "]0123456789abcdef0123456789abcdef", logFormat);
        env.put("_HANDLER", DeploymentContract.HANDLER);
        // As the stack sets it: the write path under test.
        env.put(DeploymentContract.Env.WRITE_MODE, writeMode.value());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(DeploymentContract.FUNCTION_MEMORY_MB));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        if (logLevel != null) {
            env.put("AWS_LAMBDA_LOG_LEVEL", logLevel);
        }
        env.putAll(LocalDynamoDb.clientEnvironment());
        // The stack's variables for the function, then the test's: the table is DynamoDB Local.
        env.put(DeploymentContract.Env.TABLE_NAME, TABLE);
        env.put(DeploymentContract.Env.INDEX_NAME, MessagesTable.GROUP_INDEX_NAME);
        env.put(DeploymentContract.Env.METRICS_NAMESPACE, "Cruddur/Messaging-IT");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        // As the stack sets it: the HTTP client's idle-connection pool.
        env.put(DeploymentContract.Env.JAVA_TOOL_OPTIONS, DeploymentContract.Connections.JAVA_TOOL_OPTIONS);
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials-file").toString());
        return env;
    }

    /** What one runtime process did: the invocations' results, its output, the Runtime API calls it made. */
    private record Run(List<RuntimeApiEmulator.Result> results, List<String> stdout, List<String> stderr, List<String> calls) {

        /** The output's lines, each parsed as exactly one JSON object (failing the test otherwise). */
        List<JSONObject> lines() {
            return stdout.stream().map(LambdaRuntimeIT::jsonObject).toList();
        }

        List<JSONObject> lines(String event) {
            return lines().stream().filter(l -> event.equals(l.optString("event"))).toList();
        }

        List<String> requestIds() {
            return results.stream().map(RuntimeApiEmulator.Result::requestId).toList();
        }
    }

    /** Starts one runtime process, invokes it once per event, in order, and stops it. */
    private Run run(String logFormat, String logLevel, String initializationType, String version,
                           String... events) throws Exception {
        List<RuntimeApiEmulator.Result> results = new ArrayList<>();
        try (RuntimeApiEmulator api = new RuntimeApiEmulator(
                "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION + ":" + version)) {
            LambdaJavaRuntime runtime = LambdaJavaRuntime.start(RUNTIME_CLASSPATH, taskRoot, jni,
                    environment(api.address(), logFormat, logLevel, initializationType, version));
            try {
                for (String name : events) {
                    results.add(api.invoke(Files.readAllBytes(Fixtures.EVENTS.resolve(name)), INVOKE_TIMEOUT, runtime::isAlive));
                }
            } catch (IllegalStateException e) {
                throw new AssertionError(e.getMessage() + "\nruntime alive: " + runtime.isAlive()
                        + "\nstdout:\n" + String.join("\n", runtime.stdout())
                        + "\nstderr:\n" + String.join("\n", runtime.stderr()), e);
            } finally {
                runtime.close();
            }
            return new Run(results, runtime.stdout(), runtime.stderr(), api.calls());
        }
    }

    /**
     * One line as Logs Insights needs it: exactly one JSON object (a strict parser, the SDK's, reads
     * it; nothing follows it) whose members are read directly, without a second parse.
     */
    static JSONObject jsonObject(String line) {
        assertThat(JsonNode.parser().parse(line).isObject()).as("a JSON object: %s", line).isTrue();
        JSONTokener tokens = new JSONTokener(line);
        Object value = tokens.nextValue();
        assertThat(tokens.nextClean()).as("nothing after the object: %s", line).isEqualTo((char) 0);
        JSONObject object = (JSONObject) value;
        assertThat(object.optString("timestamp")).as("timestamp of %s", line).matches(RFC_3339_UTC_MILLIS);
        assertThat(object.opt("event")).as("event of %s", line).isInstanceOf(String.class);
        for (String key : object.keySet()) {
            if (object.get(key) instanceof String text) {
                assertThat(text.strip()).as("%s is not JSON inside a string: %s", key, line).doesNotStartWith("{");
            }
        }
        return object;
    }

    private static final String RFC_3339_UTC_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private static List<Object> values(List<JSONObject> lines, String member) {
        return lines.stream().map(l -> l.opt(member)).toList();
    }

    private static void assertNoSlf4jNoiseAndNoMessageText(Run run) {
        assertThat(run.stdout()).noneMatch(l -> l.startsWith("SLF4J:"));
        // The JVM's one line about the options the stack gives it (once per JVM start: with SnapStart,
        // once per published version, never on a restore); nothing else.
        assertThat(run.stderr()).as("standard error")
                .containsExactly("Picked up JAVA_TOOL_OPTIONS: " + DeploymentContract.Connections.JAVA_TOOL_OPTIONS);
        String all = String.join("\n", run.stdout());
        assertThat(all).doesNotContain("Running late", "Found a seat", "On my way", "Meet at the usual place",
                "Bad timestamp", "Andrew Brown", "andrewbrown");
    }

    @Test
    void underTheJsonLogFormatEveryLineIsOneJsonObjectWithMetricsAndTheSnapStartInitPrimesThroughLambdasLogger()
            throws Exception {
        Run run = run("JSON", "INFO", "snap-start", "7",
                "new-message.json", "multi-conversation-batch.json", "malformed-among-good.json");

        // The responses and the table after.
        assertThat(run.results()).allSatisfy(r -> {
            assertThat(r.success()).as(r.toString()).isTrue();
            assertThat(new JSONObject(r.body()).getJSONArray("batchItemFailures").isEmpty()).isTrue();
        });
        assertThat(conversationList(ANDREW)).containsExactly(
                G1 + " 2026-11-21T13:00:00.000000+00:00 On my way",
                G2 + " 2026-11-21T12:05:00.000000+00:00 I will be there");
        assertThat(conversationList(BAYKO)).containsExactly(
                G3 + " 2026-11-21T13:02:00.000000+00:00 Meet at the usual place",
                G1 + " 2026-11-21T13:00:00.000000+00:00 On my way");
        assertThat(conversationList(LONDO)).containsExactly(
                G3 + " 2026-11-21T13:02:00.000000+00:00 Meet at the usual place",
                G2 + " 2026-11-21T12:05:00.000000+00:00 I will be there");

        // SnapStart: the runtime ran the priming hook (before checkpoint), asked to be restored, then
        // invoked; the priming line went through Lambda's logger as JSON, outside any request.
        assertThat(run.calls()).first().isEqualTo("GET /restore/next");
        assertThat(run.calls()).noneMatch(c -> c.contains("/error"));
        List<JSONObject> lines = run.lines();
        JSONObject primed = run.lines("primed").getFirst();
        assertThat(run.lines("primed")).hasSize(1);
        assertThat(primed.getString("level")).isEqualTo("INFO");
        assertThat(primed.has("AWSRequestId")).isFalse();
        assertThat(primed.getBoolean("writesRefused")).isTrue();
        assertThat(primed.getString("writeMode")).isEqualTo(writeMode.value());
        // Priming's batches wrote nothing, and the runtime's own serialization (on the runtime's class
        // path, not in the jar) was reached from the function's class loader and warmed.
        assertThat(primed.getBoolean("batchesWroteNothing")).isTrue();
        assertThat(primed.getBoolean("runtimeSerialization")).isTrue();
        List<Object> events = values(lines, "event");
        assertThat(events.indexOf("primed")).isLessThan(events.indexOf("batch_processed"));

        // One batch_processed line per invocation, with the runtime's members at the top level.
        List<JSONObject> batches = run.lines("batch_processed");
        assertThat(values(batches, "AWSRequestId")).containsExactlyElementsOf(run.requestIds());
        assertThat(values(batches, "level")).containsOnly("INFO");
        assertThat(values(batches, "functionVersion")).containsOnly("7");
        assertThat(values(batches, "restoredFromSnapshot")).containsOnly(true);
        assertThat(values(batches, "records")).containsExactly(1, 6, 4);
        assertThat(values(batches, "rowsRecreated")).containsExactly(2, 6, 4);
        List<JSONObject> malformed = run.lines("malformed_record");
        assertThat(values(malformed, "level")).containsExactly("ERROR", "ERROR");
        assertThat(values(malformed, "AWSRequestId")).containsOnly(run.requestIds().get(2));
        assertThat(values(malformed, "sequenceNumber")).containsExactly("4100000000012345680100", "4100000000012345680200");

        // One valid EMF document per invocation, in the configured namespace, by function name.
        List<JSONObject> metrics = run.lines("metrics");
        assertThat(run.stdout()).filteredOn(l -> l.contains("\"event\":\"metrics\""))
                .hasSize(3).allSatisfy(l -> assertThat(EmfDocument.problems(l)).isEmpty());
        assertThat(values(metrics, "AWSRequestId")).containsExactlyElementsOf(run.requestIds());
        assertThat(metrics).allSatisfy(m -> {
            assertThat(m.has("level")).isFalse();
            assertThat(m.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0).getString("Namespace"))
                    .isEqualTo("Cruddur/Messaging-IT");
            assertThat(m.getString("FunctionName")).isEqualTo(FUNCTION);
        });
        assertThat(values(metrics, "Records")).containsExactly(1, 6, 4);
        assertThat(values(metrics, "Groups")).containsExactly(1, 3, 2);
        assertThat(values(metrics, "MalformedRecords")).containsExactly(0, 0, 2);
        assertThat(values(metrics, "GroupsFailed")).containsExactly(0, 0, 0);

        // The SDK's own warning (the malformed profile section) arrives as a JSON line at WARN.
        assertThat(run.lines("sdk_log")).isNotEmpty().allSatisfy(l -> {
            assertThat(l.getString("level")).isEqualTo("WARN");
            assertThat(l.getString("logger")).isEqualTo("software.amazon.awssdk.profiles.internal.ProfileFileReader");
            assertThat(l.getString("message")).contains("not-a-profile-section");
        });
        assertThat(lines).hasSize(run.lines("sdk_log").size() + 1 + 3 + 2 + 3);
        assertNoSlf4jNoiseAndNoMessageText(run);
    }

    @Test
    void aLevelBelowTheFunctionsLogLevelIsFilteredByTheRuntimeButMetricsAreNot() throws Exception {
        Run run = run("JSON", "WARN", "on-demand", "$LATEST", "new-message.json", "malformed-among-good.json");

        assertThat(run.results()).allSatisfy(r -> assertThat(r.success()).isTrue());
        assertThat(conversationList(ANDREW)).first().asString().startsWith(G1 + " 2026-11-21T13:00:00.000000+00:00");
        // The INFO lines (batch_processed, as the JSON/INFO run shows) are gone; WARN and ERROR stay.
        assertThat(run.lines("batch_processed")).isEmpty();
        assertThat(values(run.lines(), "level")).doesNotContain("INFO", "DEBUG", "TRACE")
                .contains("WARN", "ERROR");
        assertThat(values(run.lines("malformed_record"), "AWSRequestId")).containsOnly(run.requestIds().get(1)).hasSize(2);
        // The metrics line is written at UNDEFINED, which the runtime's filter always lets through.
        assertThat(values(run.lines("metrics"), "AWSRequestId")).as("metrics in %s", run.stdout())
                .containsExactlyElementsOf(run.requestIds());
        assertThat(run.stdout()).filteredOn(l -> l.contains("\"event\":\"metrics\""))
                .allSatisfy(l -> assertThat(EmfDocument.problems(l)).isEmpty());
        // An on-demand environment is not restored from a snapshot and never asks to be.
        assertThat(run.calls()).doesNotContain("GET /restore/next");
        assertThat(run.lines("primed")).isEmpty();
        assertNoSlf4jNoiseAndNoMessageText(run);
    }

    @Test
    void underTheTextLogFormatEachEventIsStillOneReadableJsonLine() throws Exception {
        Run run = run("TEXT", null, "on-demand", "$LATEST", "new-message.json");

        assertThat(run.results()).singleElement().satisfies(r -> assertThat(r.success()).isTrue());
        assertThat(conversationList(ANDREW)).first().asString()
                .isEqualTo(G1 + " 2026-11-21T12:00:00.000000+00:00 Running late, save me a seat");
        assertThat(run.stdout()).noneMatch(l -> l.startsWith("["));
        JSONObject batch = run.lines("batch_processed").getFirst();
        assertThat(batch.getString("AWSRequestId")).isEqualTo(run.requestIds().getFirst());
        assertThat(batch.getString("functionVersion")).isEqualTo("$LATEST");
        assertThat(batch.getBoolean("restoredFromSnapshot")).isFalse();
        assertThat(batch.getInt("rowsRecreated")).isEqualTo(2);
        assertThat(run.stdout()).filteredOn(l -> l.contains("\"event\":\"metrics\""))
                .singleElement().satisfies(l -> assertThat(EmfDocument.problems(l)).isEmpty());
        assertNoSlf4jNoiseAndNoMessageText(run);
    }
}
