package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.Map;
import org.crac.Core;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda handler of the {@code cruddur-messages} stream (view type NEW_IMAGE): for every new
 * or edited message, moves each participant's conversation-list row to the message's sort key and
 * shows the message as the conversation's last.
 *
 * <p>Contract with Lambda: the event source mapping reports batch item failures. The handler
 * returns the sequence numbers of conversations it could not update; malformed records are logged
 * and skipped; it never throws because of a record.
 */
public final class MessageGroupStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final StreamProcessor processor;
    private final Priming priming;

    /**
     * Used by Lambda: configuration and client built once per container, from the environment.
     * Registers the SnapStart priming hook (a no-op where there is no checkpoint).
     */
    public MessageGroupStreamHandler() {
        this(new Jitter(), System.getenv());
        Core.getGlobalContext().register(priming);
    }

    private MessageGroupStreamHandler(Jitter jitter, Map<String, String> env) {
        // One jitter for the handler's back-off and the SDK client's: the restore hook reseeds both.
        this(ClientFactory.fromEnvironment(env, jitter), Config.fromEnvironment(env), Sleeper.REAL, jitter);
    }

    /**
     * For the tools that run the handler themselves (redrive, reconcile, the developer CLI, the
     * benchmarks) and the tests: the same handler on a client and configuration of their choosing.
     */
    public MessageGroupStreamHandler(DynamoDbClient client, Config config) {
        this(client, config, Sleeper.REAL);
    }

    /** As {@link #MessageGroupStreamHandler(DynamoDbClient, Config)}, with a seam for the back-off waits (tests). */
    MessageGroupStreamHandler(DynamoDbClient client, Config config, Sleeper sleeper) {
        this(client, config, sleeper, new Jitter());
    }

    MessageGroupStreamHandler(DynamoDbClient client, Config config, Sleeper sleeper, Jitter jitter) {
        // The one composition root: every collaborator is built here, once per container.
        GroupRowStore store = new GroupRowStore(client, config.tableName(), config.indexName(), config.writeMode());
        RecordDecoder decoder = new RecordDecoder(config.tableName());
        this.processor = new StreamProcessor(decoder, new GroupUpdater(store, config, sleeper, jitter),
                config.maxConcurrency(), new EmbeddedMetrics(config.metricsNamespace()));
        // At snapshot time there is no invocation: the runtime's own logger, installed before the handler is loaded.
        this.priming = new Priming(processor, config.tableName(), decoder, store, StructuredLog.runtime(), jitter);
    }

    /** Warms the code and request paths without writing, as SnapStart's checkpoint hook does. */
    public void prime() {
        priming.prime();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return process(event, context).response();
    }

    /**
     * Processes a batch and tells what was done; {@link #handleRequest} returns its response.
     * Without a context (a bare local call) there is no deadline, and the log goes to the runtime's
     * logger under the function's name from the environment.
     */
    public InvocationReport process(DynamodbEvent event, Context context) {
        if (context == null) {
            return processor.process(event, Deadline.none(), StructuredLog.runtime(), new FunctionInstance(
                    System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local"),
                    System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"), priming.restored()));
        }
        StructuredLog.currentRequest(context.getAwsRequestId());
        try {
            return processor.process(event,
                    Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()), System::nanoTime),
                    StructuredLog.lambda(context.getLogger(), context.getAwsRequestId()),
                    new FunctionInstance(context.getFunctionName(), context.getFunctionVersion(), priming.restored()));
        } finally {
            StructuredLog.currentRequest(null);
        }
    }
}
