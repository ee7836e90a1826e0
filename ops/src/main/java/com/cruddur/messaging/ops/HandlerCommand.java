package com.cruddur.messaging.ops;

import com.cruddur.messaging.stream.Config;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A command that runs the deployed handler class on its target (replay, send, watch, redrive,
 * reconcile): the handler is configured as deployed, with the command line's write path, and
 * invoked as Lambda invokes it ({@link HandlerOptions}, {@link Invoker}).
 */
public abstract class HandlerCommand extends TargetCommand {

    @Mixin
    private HandlerOptions handler;

    /** The handler's configuration as deployed, for the target's table and with this command line's write path. */
    protected final Config config(Target target) {
        return handler.config(target);
    }

    /** The handler on the target's table, its DynamoDB client seen by {@code interceptors}. */
    protected final Invoker invoker(Target target, Io io, ExecutionInterceptor... interceptors) {
        return new Invoker(target, config(target), handler.verbose(), io.err(), interceptors);
    }
}
