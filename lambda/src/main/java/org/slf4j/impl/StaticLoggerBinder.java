package org.slf4j.impl;

import org.slf4j.ILoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * The SLF4J 1.7 binding of the function (the AWS SDK 2.x logs through slf4j-api 1.7.36): SLF4J's
 * {@code LoggerFactory} looks this class up by name. Without it, slf4j-api prints three
 * {@code SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder"} lines at every cold start
 * and drops the SDK's warnings.
 *
 * <p>Why not a ready-made binding: slf4j-simple is as small but writes plain text to standard error,
 * unfiltered by Lambda's log level, one CloudWatch event per line of a stack trace; the log4j2
 * route AWS documents (aws-lambda-java-log4j2 with log4j-core) loads hundreds of classes and a
 * configuration at init. This binding is three classes: warnings and errors become one JSON line
 * each through Lambda's logger ({@link LambdaSlf4jLogger}), everything below WARN is off and costs
 * a boolean check.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {

    /** The SLF4J API version this binding is compiled against; read by LoggerFactory (not final, as in SLF4J's own bindings). */
    public static String REQUESTED_API_VERSION = "1.6.99";

    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    private final ILoggerFactory factory = new LambdaSlf4jLoggerFactory();

    private StaticLoggerBinder() {
    }

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return LambdaSlf4jLoggerFactory.class.getName();
    }
}
