package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.LocalContext;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.io.PrintStream;
import java.util.Map;

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

    public Invoker(Target target, boolean verbose, PrintStream err) {
        this.handler = new MessageGroupStreamHandler(target.client(requests), Config.forTable(target.table()));
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
