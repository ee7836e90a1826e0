package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.messaging.schema.DeploymentContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The Lambda context of one invocation outside Lambda, for the tools that run the handler themselves
 * (redrive, reconcile, the developer CLI, the benchmarks) and the tests. Never loaded in Lambda,
 * which passes its own; here so that every caller shares one definition. The deployed function's
 * timeout (or another) counts down from creation, so the handler stops starting work near its
 * deadline as in Lambda, and each line the handler logs goes to a sink of the caller's choosing.
 * {@link #capturing()} keeps the lines for assertions.
 *
 * <p>Its logger filters levels as Lambda's Java runtime does with {@code AWS_LAMBDA_LOG_LEVEL}: a
 * line below the minimum level is dropped, and a line without a level ({@link LogLevel#UNDEFINED})
 * always passes. The default minimum lets every line through. A line's trailing newline (the
 * runtime's line end) is not part of what the sink receives.
 */
public final class LocalContext implements Context {

    /** The function's ARN as these invocations name it (a failure object written locally names it too). */
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:messaging-local";

    private final long deadlineNanos;
    private final Consumer<String> logSink;
    private final List<String> lines;
    private final LogLevel minimumLevel;
    private final String requestId = UUID.randomUUID().toString();

    /** The deployed function's timeout; each log line goes to {@code logSink} ({@code line -> { }} drops them). */
    public LocalContext(Consumer<String> logSink) {
        this(logSink, DeploymentContract.FUNCTION_TIMEOUT);
    }

    /** A context whose remaining time starts at {@code timeout}. */
    public LocalContext(Consumer<String> logSink, Duration timeout) {
        this(logSink, timeout, List.of(), LogLevel.UNDEFINED);
    }

    private LocalContext(Consumer<String> logSink, Duration timeout, List<String> lines, LogLevel minimumLevel) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.logSink = logSink;
        this.lines = lines;
        this.minimumLevel = minimumLevel;
    }

    /** A context that keeps every log line ({@link #lines()}), with the deployed function's timeout. */
    public static LocalContext capturing() {
        return capturing(DeploymentContract.FUNCTION_TIMEOUT);
    }

    /** A context that keeps every log line, whose remaining time starts at {@code timeout}. */
    public static LocalContext capturing(Duration timeout) {
        return capturing(timeout, LogLevel.UNDEFINED);
    }

    /**
     * A context that keeps the log lines the runtime would keep with {@code AWS_LAMBDA_LOG_LEVEL} set
     * to {@code minimumLevel}, whose remaining time starts at {@code timeout}.
     */
    public static LocalContext capturing(Duration timeout, LogLevel minimumLevel) {
        List<String> lines = new CopyOnWriteArrayList<>();
        return new LocalContext(lines::add, timeout, lines, minimumLevel);
    }

    /** The lines logged so far, when {@link #capturing() capturing}; empty otherwise. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines of one log event, e.g. {@code batch_processed}. */
    public List<String> linesWith(String event) {
        return lines.stream().filter(l -> l.contains("\"event\":\"" + event + "\"")).toList();
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                log(message, LogLevel.UNDEFINED);
            }

            @Override
            public void log(byte[] message) {
                log(message, LogLevel.UNDEFINED);
            }

            @Override
            public void log(String message, LogLevel level) {
                // The runtime's filter (LogFiltering): UNDEFINED always passes.
                if (level == LogLevel.UNDEFINED || level.ordinal() >= minimumLevel.ordinal()) {
                    logSink.accept(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
                }
            }

            @Override
            public void log(byte[] message, LogLevel level) {
                log(new String(message, StandardCharsets.UTF_8), level);
            }
        };
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/messaging-local";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "messaging-local";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return FUNCTION_ARN;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return DeploymentContract.FUNCTION_MEMORY_MB;
    }
}
