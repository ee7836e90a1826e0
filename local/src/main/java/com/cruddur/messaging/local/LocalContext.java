package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lambda context of one local invocation: the deployed function's timeout counts down from
 * creation (the handler stops starting work near its deadline, as in Lambda), and the handler's
 * JSON log lines go to a sink of the CLI's choosing instead of cluttering its report.
 */
final class LocalContext implements Context {

    /** The deployed function's timeout (infra's MessagingStack.TIMEOUT). */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    private final long deadlineNanos;
    private final Consumer<String> logSink;
    private final String requestId = UUID.randomUUID().toString();

    /**
     * @param logSink receives each log line of the handler; {@code line -> { }} drops them
     */
    LocalContext(Consumer<String> logSink) {
        this.deadlineNanos = System.nanoTime() + FUNCTION_TIMEOUT.toNanos();
        this.logSink = logSink;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                logSink.accept(message);
            }

            @Override
            public void log(byte[] message) {
                logSink.accept(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                logSink.accept(message);
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
        return "arn:aws:lambda:local:000000000000:function:messaging-local";
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
        return 1024;
    }
}
