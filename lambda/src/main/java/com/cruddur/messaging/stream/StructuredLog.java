package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function's log: one JSON object per line, whatever Lambda's log format, with the members
 * Lambda's own JSON lines have ({@code timestamp}, {@code level}, {@code AWSRequestId}) at the top
 * level beside the function's ({@code event}, ids, counts). Callers pass identifiers and counts
 * only: message text, display names and handles never reach a log.
 *
 * <p><b>Why bytes, and why the function writes the runtime's members itself.</b> The Lambda Java
 * runtime interface client (aws-lambda-java-runtime-interface-client 2.9.0,
 * {@code AbstractLambdaLogger}) treats the two level-aware calls differently:
 * <ul>
 *   <li>{@code LambdaLogger.log(String, LogLevel)} goes through its formatter. Under the JSON log
 *       format ({@code JsonLogFormatter}) the string becomes the {@code message} member of the
 *       runtime's own object, so a JSON line arrives double-encoded:
 *       {@code {"timestamp":…,"message":"{\"event\":…}","level":"INFO","AWSRequestId":…}}, and
 *       Logs Insights or a metric filter cannot read {@code event} without a {@code parse}.</li>
 *   <li>{@code LambdaLogger.log(byte[], LogLevel)} is not formatted ("there is no formatting for
 *       byte[] messages") but is filtered by the same level check ({@code LogFiltering}, from
 *       {@code AWS_LAMBDA_LOG_LEVEL}, i.e. the function's {@code applicationLogLevel}), and in Lambda
 *       it goes to the telemetry log sink as one frame carrying the level and the log format.</li>
 *   <li>Standard output and error ({@code System.out}) bypass both: no level, no filtering.</li>
 * </ul>
 * So every line is written with {@code log(byte[], level)}: a complete JSON object that keeps the
 * runtime's level filtering and arrives as is. This is what AWS's own log4j2 appender for Lambda
 * (aws-lambda-java-log4j2 {@code LambdaAppender}) does with its JSON layout, and Lambda's guide
 * ("Configuring JSON and plain text log formats") says it does not double-encode logs that are
 * already JSON. The members Lambda would have added are written here with the runtime's names and
 * formats ({@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, UTC, an RFC 3339 timestamp as log-level filtering
 * expects). Under the TEXT log format the same bytes are one readable JSON line (the text formatter
 * would only have prefixed {@code [INFO]}).
 *
 * <p>The metrics line ({@link #metrics}) is written at {@link LogLevel#UNDEFINED}, the level the
 * runtime's filter always lets through ("UNDEFINED ... we're not filtering the message in the
 * runtime", {@code LogLevel}). Lambda's guide ("Log-level filtering") counts a JSON line without a
 * {@code level} as INFO for its own filtering, so the application log level must stay at INFO or
 * below for the metrics to be certain; the stack sets INFO.
 *
 * <p>Public only for the SLF4J binding, which SLF4J 1.7 requires in {@code org.slf4j.impl}.
 */
public final class StructuredLog {

    /** Where a finished line goes, with its level for the runtime's filter. */
    @FunctionalInterface
    public interface Sink {
        void write(LogLevel level, byte[] line);
    }

    /** The runtime's timestamp format (aws-lambda-java-runtime-interface-client {@code JsonLogFormatter}). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The request being served in this execution environment, for lines written without the
     * invocation's context (the SDK's). Lambda runs one invocation at a time per environment; under
     * the runtime's multi-concurrency ({@code AWS_LAMBDA_MAX_CONCURRENCY}, Lambda Managed Instances,
     * not used by this stack) an SDK line could carry a concurrent invocation's id.
     */
    private static volatile String currentRequestId;

    private final Sink sink;
    private final Supplier<String> requestId;
    private final Supplier<Instant> clock;

    StructuredLog(Sink sink, Supplier<String> requestId, Supplier<Instant> clock) {
        this.sink = sink;
        this.requestId = requestId;
        this.clock = clock;
    }

    /** The lines of one invocation, to its Lambda logger, tagged with its request id. */
    public static StructuredLog lambda(LambdaLogger logger, String requestId) {
        return new StructuredLog((level, line) -> logger.log(line, level), () -> requestId, Instant::now);
    }

    /**
     * Lines written outside an invocation's context (initialization, the SnapStart checkpoint,
     * the SDK): to the runtime's logger, which Lambda's runtime installs before it loads the
     * handler; outside Lambda that logger writes to standard output.
     */
    public static StructuredLog runtime() {
        return new StructuredLog((level, line) -> LambdaRuntime.getLogger().log(line, level),
                () -> currentRequestId, Instant::now);
    }

    /** Lines to a sink of the caller's choosing (tests), tagged with {@code requestId}'s value. */
    public static StructuredLog to(Sink sink, Supplier<String> requestId) {
        return new StructuredLog(sink, requestId, Instant::now);
    }

    /** Marks the start ({@code requestId}) or end ({@code null}) of an invocation, for {@link #runtime()} lines. */
    static void currentRequest(String requestId) {
        currentRequestId = requestId;
    }

    public void debug(String event, Map<String, ?> fields) {
        log(LogLevel.DEBUG, event, fields);
    }

    public void info(String event, Map<String, ?> fields) {
        log(LogLevel.INFO, event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        log(LogLevel.WARN, event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        log(LogLevel.ERROR, event, fields);
    }

    public void log(LogLevel level, String event, Map<String, ?> fields) {
        write(level, line(clock.get(), level, requestId.get(), event, fields));
    }

    /**
     * An Embedded Metric Format document's members (see {@link EmbeddedMetrics}) as one line with
     * this log's timestamp and request id, at the level the runtime never filters, and with no
     * {@code level} member: it is not a message of some severity.
     */
    void metrics(Map<String, ?> emf) {
        write(LogLevel.UNDEFINED, line(clock.get(), LogLevel.UNDEFINED, requestId.get(), LogEvents.METRICS, emf));
    }

    private void write(LogLevel level, String line) {
        sink.write(level, line.getBytes(StandardCharsets.UTF_8));
    }

    /** One line: the JSON object and its newline (a frame of Lambda's log sink, or a line of standard output). */
    static String line(Instant at, LogLevel level, String requestId, String event, Map<String, ?> fields) {
        StringBuilder json = new StringBuilder(256).append("{\"timestamp\":\"").append(TIMESTAMP.format(at)).append('"');
        if (level != LogLevel.UNDEFINED) {
            json.append(",\"level\":\"").append(level.name()).append('"');
        }
        if (requestId != null) {
            json.append(",\"AWSRequestId\":");
            Json.string(json, requestId);
        }
        json.append(',');
        Json.string(json, LogEvents.MEMBER);
        json.append(':');
        Json.string(json, event);
        fields.forEach((name, value) -> {
            json.append(',');
            Json.string(json, name);
            json.append(':');
            Json.value(json, value);
        });
        return json.append("}\n").toString();
    }
}
