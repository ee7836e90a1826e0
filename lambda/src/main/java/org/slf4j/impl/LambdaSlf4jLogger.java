package org.slf4j.impl;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import com.cruddur.messaging.stream.StructuredLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes WARN and ERROR as one JSON line each ({@code "event":"sdk_log"},
 * the logger's name, the message, and the exception's type, message and frames) through Lambda's
 * logger ({@link StructuredLog#runtime()}), so the runtime filters them by the function's log level
 * and tags them like the function's own lines. TRACE, DEBUG and INFO are disabled: the SDK checks
 * {@code isDebugEnabled()} before building a message, so they cost nothing.
 */
final class LambdaSlf4jLogger extends MarkerIgnoringBase {

    private static final long serialVersionUID = 1L;
    /** Frames kept per exception, and exceptions kept per cause chain: enough to place a fault, bounded in size. */
    static final int MAX_FRAMES = 20;
    static final int MAX_CAUSES = 5;

    private final transient StructuredLog log;

    LambdaSlf4jLogger(String name) {
        this(name, StructuredLog.runtime());
    }

    LambdaSlf4jLogger(String name, StructuredLog log) {
        this.name = name;
        this.log = log;
    }

    // One block per call form: TRACE, DEBUG and INFO do nothing, WARN and ERROR write.

    @Override public boolean isTraceEnabled() { return false; }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }

    @Override public void trace(String msg) { }
    @Override public void debug(String msg) { }
    @Override public void info(String msg) { }
    @Override public void warn(String msg) { write(LogLevel.WARN, msg, null); }
    @Override public void error(String msg) { write(LogLevel.ERROR, msg, null); }

    @Override public void trace(String format, Object arg) { }
    @Override public void debug(String format, Object arg) { }
    @Override public void info(String format, Object arg) { }
    @Override public void warn(String format, Object arg) { write(LogLevel.WARN, MessageFormatter.format(format, arg)); }
    @Override public void error(String format, Object arg) { write(LogLevel.ERROR, MessageFormatter.format(format, arg)); }

    @Override public void trace(String format, Object arg1, Object arg2) { }
    @Override public void debug(String format, Object arg1, Object arg2) { }
    @Override public void info(String format, Object arg1, Object arg2) { }
    @Override
    public void warn(String format, Object arg1, Object arg2) {
        write(LogLevel.WARN, MessageFormatter.format(format, arg1, arg2));
    }
    @Override
    public void error(String format, Object arg1, Object arg2) {
        write(LogLevel.ERROR, MessageFormatter.format(format, arg1, arg2));
    }

    @Override public void trace(String format, Object... arguments) { }
    @Override public void debug(String format, Object... arguments) { }
    @Override public void info(String format, Object... arguments) { }
    @Override
    public void warn(String format, Object... arguments) {
        write(LogLevel.WARN, MessageFormatter.arrayFormat(format, arguments));
    }
    @Override
    public void error(String format, Object... arguments) {
        write(LogLevel.ERROR, MessageFormatter.arrayFormat(format, arguments));
    }

    @Override public void trace(String msg, Throwable t) { }
    @Override public void debug(String msg, Throwable t) { }
    @Override public void info(String msg, Throwable t) { }
    @Override public void warn(String msg, Throwable t) { write(LogLevel.WARN, msg, t); }
    @Override public void error(String msg, Throwable t) { write(LogLevel.ERROR, msg, t); }

    private void write(LogLevel level, FormattingTuple tuple) {
        write(level, tuple.getMessage(), tuple.getThrowable());
    }

    private void write(LogLevel level, String message, Throwable t) {
        try {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("logger", name);
            fields.put("message", message);
            if (t != null) {
                fields.put("errorType", t.getClass().getName());
                fields.put("errorMessage", t.getMessage());
                fields.put("stackTrace", frames(t));
            }
            log.log(level, LogEvents.SDK_LOG, fields);
        } catch (RuntimeException e) {
            // A log line is never worth failing the SDK's call.
        }
    }

    /** The exception's frames and its causes', bounded: one JSON array, never one log event per line. */
    static List<String> frames(Throwable t) {
        List<String> lines = new ArrayList<>();
        Throwable current = t;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++, current = current.getCause()) {
            if (depth > 0) {
                lines.add("Caused by: " + current);
            }
            StackTraceElement[] trace = current.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, MAX_FRAMES); i++) {
                lines.add("at " + trace[i]);
            }
            if (trace.length > MAX_FRAMES) {
                lines.add("... " + (trace.length - MAX_FRAMES) + " more");
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return lines;
    }
}
