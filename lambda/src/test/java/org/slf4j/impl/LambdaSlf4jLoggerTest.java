package org.slf4j.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.messaging.stream.StructuredLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LambdaSlf4jLoggerTest {

    private final List<String> lines = new ArrayList<>();
    private final List<LogLevel> levels = new ArrayList<>();
    private final Logger logger = new LambdaSlf4jLogger("software.amazon.awssdk.core.Example",
            StructuredLog.to((level, line) -> {
                levels.add(level);
                lines.add(new String(line, StandardCharsets.UTF_8));
            }, () -> "req-9"));

    @Test
    void slf4jFindsThisBindingSoTheSdksLoggersAreLambdaLoggers() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LambdaSlf4jLoggerFactory.class);
        assertThat(LoggerFactory.getLogger("software.amazon.awssdk.request")).isInstanceOf(LambdaSlf4jLogger.class);
    }

    @Test
    void warningsAndErrorsAreOneJsonLineEachWithTheExceptionAsMembers() {
        IOException cause = new IOException("connection reset");

        logger.warn("Retrying {} after {} ms", "Query", 50);
        logger.error("Request failed", new UncheckedIOException("call failed", cause));

        assertThat(levels).containsExactly(LogLevel.WARN, LogLevel.ERROR);
        assertThat(lines).allSatisfy(l -> assertThat(l).endsWith("}\n").doesNotContain("}\n{"));
        JSONObject warn = new JSONObject(lines.get(0));
        assertThat(warn.getString("level")).isEqualTo("WARN");
        assertThat(warn.getString("AWSRequestId")).isEqualTo("req-9");
        assertThat(warn.getString("event")).isEqualTo("sdk_log");
        assertThat(warn.getString("logger")).isEqualTo("software.amazon.awssdk.core.Example");
        assertThat(warn.getString("message")).isEqualTo("Retrying Query after 50 ms");
        JSONObject error = new JSONObject(lines.get(1));
        assertThat(error.getString("errorType")).isEqualTo("java.io.UncheckedIOException");
        assertThat(error.getString("errorMessage")).isEqualTo("call failed");
        assertThat(error.getJSONArray("stackTrace").toList()).first().asString().startsWith("at " + getClass().getName());
        assertThat(error.getJSONArray("stackTrace").toList()).contains("Caused by: java.io.IOException: connection reset");
    }

    @Test
    void traceDebugAndInfoAreOffAndWriteNothing() {
        logger.trace("t");
        logger.debug("d {}", 1);
        logger.info("i", new RuntimeException());

        assertThat(logger.isDebugEnabled()).isFalse();
        assertThat(logger.isInfoEnabled()).isFalse();
        assertThat(logger.isWarnEnabled()).isTrue();
        assertThat(lines).isEmpty();
    }

    @Test
    void aLongStackTraceStaysBounded() {
        Throwable deep = new RuntimeException("deep");
        StackTraceElement[] frames = new StackTraceElement[500];
        Arrays.fill(frames, new StackTraceElement("C", "m", "C.java", 1));
        deep.setStackTrace(frames);

        List<String> trace = LambdaSlf4jLogger.frames(deep);

        assertThat(trace).hasSize(LambdaSlf4jLogger.MAX_FRAMES + 1).last().isEqualTo("... 480 more");
    }
}
