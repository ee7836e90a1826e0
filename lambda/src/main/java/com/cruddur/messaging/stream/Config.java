package com.cruddur.messaging.stream;

import com.cruddur.messaging.schema.DeploymentContract.Defaults;
import com.cruddur.messaging.schema.DeploymentContract.Env;
import com.cruddur.messaging.schema.DeploymentContract.Metrics;
import com.cruddur.messaging.schema.MessagesTable;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the handler can be told, parsed once per container from the environment. The
 * variables' names are the deployment contract's ({@link com.cruddur.messaging.schema.DeploymentContract.Env}),
 * which the stack sets.
 *
 * @param tableName      the messages table ({@code TABLE_NAME}, default {@code cruddur-messages})
 * @param indexName      the index that finds a conversation's rows ({@code INDEX_NAME},
 *                       default {@code message-group-sk-index})
 * @param maxAttempts    how many times the handler reads, plans and writes one conversation before
 *                       it reports the conversation as failed ({@code GROUP_MAX_ATTEMPTS}, default
 *                       {@value Defaults#MAX_ATTEMPTS});
 *                       each attempt's requests are also retried by the SDK
 * @param backoffBase    first back-off between attempts, doubled each time, with full jitter
 *                       ({@code BACKOFF_BASE_MS}, default {@value Defaults#BACKOFF_BASE_MS})
 * @param backoffMax     cap of one back-off ({@code BACKOFF_MAX_MS}, default {@value Defaults#BACKOFF_MAX_MS})
 * @param maxConcurrency how many conversations of one batch are updated at once
 *                       ({@code MAX_CONCURRENCY}, default {@value Defaults#MAX_CONCURRENCY})
 * @param metricsNamespace the CloudWatch namespace of the function's custom metrics
 *                       ({@code METRICS_NAMESPACE}, default {@value Metrics#DEFAULT_NAMESPACE})
 * @param writeMode      how the planned writes reach the table ({@code WRITE_MODE}:
 *                       {@code transactional} or {@code put-first}; default {@link #DEFAULT_WRITE_MODE})
 */
public record Config(
        String tableName,
        String indexName,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffMax,
        int maxConcurrency,
        String metricsNamespace,
        WriteMode writeMode) {

    public static final int DEFAULT_MAX_ATTEMPTS = Defaults.MAX_ATTEMPTS;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(Defaults.BACKOFF_BASE_MS);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMillis(Defaults.BACKOFF_MAX_MS);
    public static final int DEFAULT_MAX_CONCURRENCY = Defaults.MAX_CONCURRENCY;
    public static final WriteMode DEFAULT_WRITE_MODE = WriteMode.parse(Defaults.WRITE_MODE);

    public Config {
        requireText(Env.TABLE_NAME, tableName);
        requireText(Env.INDEX_NAME, indexName);
        if (maxAttempts < 1) {
            throw new ConfigException(Env.GROUP_MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new ConfigException("back-off must satisfy 0 <= " + Env.BACKOFF_BASE_MS + " <= " + Env.BACKOFF_MAX_MS);
        }
        if (maxConcurrency < 1) {
            throw new ConfigException(Env.MAX_CONCURRENCY + " must be at least 1, got " + maxConcurrency);
        }
        requireNamespace(metricsNamespace);
        if (writeMode == null) {
            throw new ConfigException(Env.WRITE_MODE + " must be set");
        }
    }

    /** The defaults: the production table and index names. */
    public static Config defaults() {
        return forTable(MessagesTable.DEFAULT_TABLE_NAME);
    }

    /** The defaults for another table name (the index name is part of the schema). */
    public static Config forTable(String tableName) {
        return new Config(tableName, MessagesTable.GROUP_INDEX_NAME, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, DEFAULT_MAX_CONCURRENCY, Metrics.DEFAULT_NAMESPACE,
                DEFAULT_WRITE_MODE);
    }

    /**
     * Parses the configuration from environment variables; unset or blank variables take their defaults.
     *
     * @throws ConfigException if a variable is set to an unusable value
     */
    public static Config fromEnvironment(Map<String, String> env) {
        return new Config(
                text(env, Env.TABLE_NAME, MessagesTable.DEFAULT_TABLE_NAME),
                text(env, Env.INDEX_NAME, MessagesTable.GROUP_INDEX_NAME),
                integer(env, Env.GROUP_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS),
                Duration.ofMillis(integer(env, Env.BACKOFF_BASE_MS, (int) DEFAULT_BACKOFF_BASE.toMillis())),
                Duration.ofMillis(integer(env, Env.BACKOFF_MAX_MS, (int) DEFAULT_BACKOFF_MAX.toMillis())),
                integer(env, Env.MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY),
                text(env, Env.METRICS_NAMESPACE, Metrics.DEFAULT_NAMESPACE),
                WriteMode.parse(text(env, Env.WRITE_MODE, DEFAULT_WRITE_MODE.value())));
    }

    /** A copy with another concurrency limit. */
    public Config withMaxConcurrency(int value) {
        return new Config(tableName, indexName, maxAttempts, backoffBase, backoffMax, value, metricsNamespace,
                writeMode);
    }

    /** A copy with another write mode. */
    public Config withWriteMode(WriteMode value) {
        return new Config(tableName, indexName, maxAttempts, backoffBase, backoffMax, maxConcurrency,
                metricsNamespace, value);
    }

    /** A copy with other retry settings. */
    public Config withRetries(int attempts, Duration base, Duration max) {
        return new Config(tableName, indexName, attempts, base, max, maxConcurrency, metricsNamespace, writeMode);
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /**
     * CloudWatch's rules for a namespace ("Amazon CloudWatch concepts", Namespaces): at most 255
     * characters of {@code 0-9A-Za-z . - _ / # :} and space, at least one not a space, not beginning
     * with {@code :} (the {@code Metric} API's pattern) nor with {@code AWS/} (reserved for AWS
     * services). A namespace CloudWatch rejects would lose every metric silently, so it fails the
     * function's initialization instead.
     */
    private static void requireNamespace(String namespace) {
        requireText(Env.METRICS_NAMESPACE, namespace);
        if (namespace.length() > 255 || !namespace.matches("[0-9A-Za-z._/#: -]+")
                || namespace.startsWith(":") || namespace.startsWith("AWS/")) {
            throw new ConfigException(Env.METRICS_NAMESPACE + " must be a CloudWatch namespace (at most 255 of 0-9 A-Z a-z . - _ / # : "
                    + "and space, not beginning with ':' or 'AWS/'), got '" + namespace + "'");
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(name + " must not be blank");
        }
    }
}
