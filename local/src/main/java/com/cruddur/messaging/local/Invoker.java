package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.LocalContext;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.io.PrintStream;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The deployed handler class on a target's table, invoked as Lambda invokes it: a fresh context
 * per invocation with the function's timeout. Its DynamoDB requests are counted for
 * {@code --stats}; its JSON log lines go to standard error with {@code --verbose} and nowhere
 * otherwise (the person reads the CLI's report instead).
 */
public final class Invoker {

    private final MessageGroupStreamHandler handler;
    private final RequestCounter requests = new RequestCounter();
    private final PrintStream log;

    /**
     * The handler with a configuration of the caller's (the commands build it in one place,
     * {@link HandlerOptions}), and interceptors on its DynamoDB client: the seam where
     * {@code watch --fail-conversation} and the tests inject faults.
     */
    public Invoker(Target target, Config config, boolean verbose, PrintStream err, ExecutionInterceptor... interceptors) {
        ExecutionInterceptor[] all = new ExecutionInterceptor[interceptors.length + 1];
        all[0] = requests;
        System.arraycopy(interceptors, 0, all, 1, interceptors.length);
        this.handler = new MessageGroupStreamHandler(target.client(all), config);
        this.log = verbose ? err : null;
    }

    /** One invocation; {@link #lastRequests()} then tells the requests it made. */
    public InvocationReport invoke(DynamodbEvent event) {
        requests.reset();
        return handler.process(event, new LocalContext(line -> {
            if (log != null) {
                log.println(line);
            }
        }));
    }

    /** The DynamoDB requests of the last invocation, by operation. */
    public Map<String, Integer> lastRequests() {
        return requests.snapshot();
    }
}
