package com.cruddur.messaging.ops;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.LocalContext;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.io.PrintStream;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The deployed handler class on a target's table, invoked as Lambda invokes it: a fresh context
 * per invocation with the function's timeout. Its JSON log lines go to standard error with
 * {@code --verbose} and nowhere otherwise (the person reads the command's report instead).
 */
public final class Invoker {

    private final MessageGroupStreamHandler handler;
    private final PrintStream log;

    /**
     * The handler with a configuration of the caller's (the commands build it in one place,
     * {@link HandlerOptions}), and interceptors on its DynamoDB client: where {@code replay --stats}
     * counts its requests, and where {@code watch --fail-conversation} and the tests inject faults.
     */
    public Invoker(Target target, Config config, boolean verbose, PrintStream err, ExecutionInterceptor... interceptors) {
        this.handler = new MessageGroupStreamHandler(target.client(interceptors), config);
        this.log = verbose ? err : null;
    }

    /** One invocation. */
    public InvocationReport invoke(DynamodbEvent event) {
        return handler.process(event, new LocalContext(line -> {
            if (log != null) {
                log.println(line);
            }
        }));
    }
}
