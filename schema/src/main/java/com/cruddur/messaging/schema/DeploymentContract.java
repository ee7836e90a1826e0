package com.cruddur.messaging.schema;

import java.time.Duration;
import java.util.List;

/**
 * What the deployed function and its event source mapping agree on, in one place: the CDK stack
 * deploys these values, the handler's {@code Config} reads the environment variables named here,
 * and the local CLI's event source mapping and Lambda context imitate the same settings. A name
 * that drifted between the stack and the handler would silently point the function at the default
 * table; with one constant it cannot.
 */
public final class DeploymentContract {

    /**
     * The CloudFormation stack the CDK app deploys, and what the ops commands ({@code redrive --aws})
     * find in it.
     */
    public static final class Stack {
        /** The stack's id and CloudFormation name. */
        public static final String NAME = "CruddurMessaging";
        /** The output holding the failure destination's bucket name. */
        public static final String FAILURE_BUCKET_NAME_OUTPUT = "StreamFailureBucketName";
        /**
         * How the failure bucket's logical id begins (the CDK appends a hash). CloudFormation tags the
         * bucket with it ({@code aws:cloudformation:logical-id}), beside
         * {@code aws:cloudformation:stack-name}: that is how the ops commands find the bucket with S3 alone.
         */
        public static final String FAILURE_BUCKET_LOGICAL_ID_PREFIX = "StreamFailureDestinationBucket";
        /** Days a failure object is kept before S3 expires it, unless the stack is given another retention. */
        public static final int DEFAULT_FAILURE_RETENTION_DAYS = 14;
        /**
         * The construct id of the stream function in the stack ({@code MessagingStack}). The function
         * has no FunctionName, so CloudFormation names it after the stack and the logical id
         * ({@code CruddurMessaging-StreamHandlerFunction...-<random>}: "CloudFormation resource custom
         * naming", template reference): {@code NAME + "-" + FUNCTION_ID} begins the deployed
         * function's name, which is how {@code doctor} tells the stack's own event source mapping
         * from another reader of the stream.
         */
        public static final String FUNCTION_ID = "StreamHandler";

        private Stack() {
        }
    }

    /**
     * Context keys of the CDK app ({@code -c KEY=VALUE}) that the ops tools mirror with options of
     * their own ({@code doctor --table}, {@code --existing-table}, {@code --kms-key-arn}), so that a
     * fix they print names the key the stack reads. The stack's {@code StackConfig} reads every key.
     */
    public static final class Context {
        /** The table the stack creates. */
        public static final String TABLE_NAME = "tableName";
        /** An existing table to use instead. */
        public static final String EXISTING_TABLE_NAME = "existingTableName";
        /** The existing table's customer managed KMS key. */
        public static final String EXISTING_TABLE_KMS_KEY_ARN = "existingTableKmsKeyArn";

        private Context() {
        }
    }

    /**
     * The deployment jar the lambda module builds and the stack uploads, relative to the repository
     * root (the stack runs in {@code infra/} and resolves it from there; {@code coldstart} measures it).
     */
    public static final String FUNCTION_JAR = "lambda/target/messaging-stream-lambda.jar";

    /** The handler entry point the stack deploys. */
    public static final String HANDLER = "com.cruddur.messaging.stream.MessageGroupStreamHandler::handleRequest";

    /** Environment variables of the function, set by the stack and read by the handler's {@code Config}. */
    public static final class Env {
        /** The table name; default {@link MessagesTable#DEFAULT_TABLE_NAME}. */
        public static final String TABLE_NAME = "TABLE_NAME";
        /** The group index name; default {@link MessagesTable#GROUP_INDEX_NAME}. */
        public static final String INDEX_NAME = "INDEX_NAME";
        /** Conversations updated at once per invocation. */
        public static final String MAX_CONCURRENCY = "MAX_CONCURRENCY";
        /** Attempts per conversation before it is reported in {@code batchItemFailures}. */
        public static final String GROUP_MAX_ATTEMPTS = "GROUP_MAX_ATTEMPTS";
        /** First back-off between a conversation's attempts, in milliseconds. */
        public static final String BACKOFF_BASE_MS = "BACKOFF_BASE_MS";
        /** Cap of one back-off, in milliseconds. */
        public static final String BACKOFF_MAX_MS = "BACKOFF_MAX_MS";
        /** How the handler writes group rows: {@code transactional} or {@code put-first}. */
        public static final String WRITE_MODE = "WRITE_MODE";
        /** CloudWatch namespace of the function's custom metrics; default {@link Metrics#DEFAULT_NAMESPACE}. */
        public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
        /**
         * The JVM's extra options, read by the JVM itself at start ("Customize Java runtime startup
         * behavior for Lambda functions", Lambda developer guide); the stack sets
         * {@link Connections#JAVA_TOOL_OPTIONS}.
         */
        public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

        private Env() {
        }
    }

    /**
     * The function's custom metrics, written as CloudWatch Embedded Metric Format in its log (the
     * isolated VPC reaches no monitoring endpoint; EMF needs none), one value each per invocation,
     * with the dimension {@value #DIMENSION} = the function's name. The stack's alarms and dashboard
     * read the same names.
     */
    public static final class Metrics {
        public static final String DEFAULT_NAMESPACE = "Cruddur/Messaging";
        /** The one dimension: the function's name ({@code AWS_LAMBDA_FUNCTION_NAME}). */
        public static final String DIMENSION = "FunctionName";

        /** Records in the batch (Count). */
        public static final String RECORDS = "Records";
        /** Messages decoded from the batch (Count). */
        public static final String MESSAGES = "Messages";
        /** Conversations the batch touched (Count). */
        public static final String GROUPS = "Groups";
        /** Conversations brought up to date (Count). */
        public static final String GROUPS_UPDATED = "GroupsUpdated";
        /** Conversations reported in batchItemFailures (Count). */
        public static final String GROUPS_FAILED = "GroupsFailed";
        /** Records skipped as malformed (Count). */
        public static final String MALFORMED_RECORDS = "MalformedRecords";
        /** Rows re-created under a new sort key (Count). */
        public static final String ROWS_RECREATED = "RowsRecreated";
        /** Rows left alone because they were newer than the message (Count). */
        public static final String STALE_ROWS = "StaleRows";
        /** Retries: conversation update attempts after each conversation's first, summed (Count). */
        public static final String ATTEMPTS = "Attempts";
        /** The invocation's processing time (Milliseconds). */
        public static final String DURATION_MS = "DurationMs";

        private Metrics() {
        }
    }

    /**
     * What the handler assumes for each variable of {@link Env} that is not set; the stack sets none
     * of these, so they are what runs. The handler's {@code Config}, the CLI's help and the README
     * read them from here.
     */
    public static final class Defaults {
        /** {@link Env#GROUP_MAX_ATTEMPTS}: read-plan-write attempts per conversation before it is reported failed. */
        public static final int MAX_ATTEMPTS = 6;
        /** {@link Env#BACKOFF_BASE_MS}: the first back-off's cap, doubled per attempt (full jitter). */
        public static final int BACKOFF_BASE_MS = 50;
        /** {@link Env#BACKOFF_MAX_MS}: the cap of any one back-off. */
        public static final int BACKOFF_MAX_MS = 2_000;
        /**
         * {@link Env#MAX_CONCURRENCY}: conversations of one batch updated at once. As many as a batch can
         * hold: conversations are independent, so a full burst batch is one wave (a query each, then
         * the writes), its duration the round trips of one conversation, not of
         * {@code conversations / MAX_CONCURRENCY} waves (BENCHMARKS.md, "On AWS's wire").
         */
        public static final int MAX_CONCURRENCY = BATCH_SIZE;
        /** {@link Env#WRITE_MODE}. */
        public static final String WRITE_MODE = WriteModes.DEFAULT;

        private Defaults() {
        }
    }

    /**
     * The handler's connections to DynamoDB: the JDK's URL-connection client keeps idle connections
     * per host in {@code sun.net.www.http.KeepAliveCache}, at most {@code http.maxConnections} (default
     * 5) for {@code http.keepAlive.time.server} seconds (default 5 when the server sends no
     * {@code Keep-Alive} header, as DynamoDB does not). Both are read once, when the class is first
     * used, so they are JVM options, set where Lambda starts the JVM: {@link Env#JAVA_TOOL_OPTIONS}
     * (java.net's "Networking Properties"; property {@code http.keepAlive.time.server} since JDK 20).
     * With the defaults every wave wider than 5 requests opens new TLS connections in every batch.
     */
    public static final class Connections {
        /**
         * Idle connections kept: a full burst batch's widest wave, the puts of
         * {@link Defaults#MAX_CONCURRENCY} two-person conversations at once, so that a steady batch
         * opens none. A wider wave (larger groups) opens the rest and keeps this many.
         */
        public static final int MAX_IDLE_PER_HOST = 2 * BATCH_SIZE;
        /**
         * Seconds an idle connection is kept: the AWS SDK's own default for its pooled HTTP clients
         * (60 s, {@code SdkHttpConfigurationOption.CONNECTION_MAX_IDLE_TIMEOUT}), instead of the JDK's 5 s,
         * so that batches a few seconds apart (a steady stream) find their connections open.
         */
        public static final int KEEP_ALIVE_SECONDS = 60;
        /** The function's {@link Env#JAVA_TOOL_OPTIONS}: the two properties above, nothing else. */
        public static final String JAVA_TOOL_OPTIONS = "-Dhttp.maxConnections=" + MAX_IDLE_PER_HOST
                + " -Dhttp.keepAlive.time.server=" + KEEP_ALIVE_SECONDS;

        private Connections() {
        }
    }

    /**
     * The {@code event} member of the function's JSON log lines: the handler writes them, the stack's
     * saved Logs Insights queries and the runbook filter on them.
     */
    public static final class LogEvents {
        /** The member that names a line's event. */
        public static final String MEMBER = "event";
        /** Once per invocation: the batch's counts (INFO). */
        public static final String BATCH_PROCESSED = "batch_processed";
        /** Per record that cannot be understood (ERROR). */
        public static final String MALFORMED_RECORD = "malformed_record";
        /** Per conversation returned in batchItemFailures (ERROR). */
        public static final String GROUP_UPDATE_FAILED = "group_update_failed";
        /** Per message record without a new image (WARN). */
        public static final String RECORD_SKIPPED = "record_skipped";
        /** SnapStart's checkpoint hook warmed the code and request paths (INFO). */
        public static final String PRIMED = "primed";
        /** The checkpoint hook's warm-up failed; only the first invocation pays (WARN). */
        public static final String PRIMING_FAILED = "priming_failed";
        /** Once per invocation: the Embedded Metric Format document (no level). */
        public static final String METRICS = "metrics";
        /** The AWS SDK's own warnings and errors (WARN, ERROR). */
        public static final String SDK_LOG = "sdk_log";

        private LogEvents() {
        }
    }

    /**
     * The handler's write paths ({@link Env#WRITE_MODE}): the handler has one per name, the stack
     * deploys one, and the role's write permissions depend on it (only the transactional path can
     * be held to writes inside transactions).
     */
    public static final class WriteModes {
        /** Each row's delete and put in one TransactWriteItems. */
        public static final String TRANSACTIONAL = "transactional";
        /** Conditional puts of the new rows, then conditional deletes of the old ones. */
        public static final String PUT_FIRST = "put-first";
        public static final List<String> ALL = List.of(TRANSACTIONAL, PUT_FIRST);
        /** What the stack deploys and the handler assumes when none is set; BENCHMARKS.md says why. */
        public static final String DEFAULT = PUT_FIRST;

        private WriteModes() {
        }
    }

    /** The function's timeout; the local context counts down the same. */
    public static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The function's memory size in MB; Lambda gives CPU in proportion (1,769 MB = one vCPU). Chosen
     * from the memory sweep (BENCHMARKS.md, "Memory size"): larger sizes were no faster, 512 MB had
     * the slowest tail on the default write path.
     */
    public static final int FUNCTION_MEMORY_MB = 1024;

    /**
     * Records per invocation of the stream's event source mapping; the local {@code watch} uses the
     * same. The handler costs one query and one write per conversation of a batch, whatever the
     * batch's size, so a large maximum lowers the cost under load; with no batching window a quiet
     * stream is still delivered at once, in small batches.
     */
    public static final int BATCH_SIZE = 100;
    /** Retries of a failing batch before the mapping gives up on it and tells the failure destination. */
    public static final int MAX_RETRY_ATTEMPTS = 5;
    /** {@link #MAX_RECORD_AGE} in seconds, a constant for annotations (the local watch's option default). */
    public static final int MAX_RECORD_AGE_SECONDS = 3600;
    /** Age after which a record goes to the failure destination instead of being retried. */
    public static final Duration MAX_RECORD_AGE = Duration.ofSeconds(MAX_RECORD_AGE_SECONDS);
    /**
     * Where the mapping of a table the stack creates starts reading: the oldest record still in the
     * stream. At the first deploy the new table's stream holds minutes of records, none older than the
     * maximum record age, so nothing is read twice for long or given up on.
     */
    public static final String STARTING_POSITION_NEW_TABLE = "TRIM_HORIZON";
    /**
     * Where the mapping of an existing table starts reading: new records only. Its stream holds up to
     * 24 hours of records, and every one older than {@link #MAX_RECORD_AGE} would go straight to the
     * failure destination (and raise its alarm) at the first deploy; the cutover closes the gap with
     * {@code reconcile --apply} instead (infra/README-ops.md, "Cutover into an existing account").
     */
    public static final String STARTING_POSITION_EXISTING_TABLE = "LATEST";
    /**
     * Batches of a shard in flight at once: one. Above one Lambda keeps order only per item, not per
     * conversation (Lambda developer guide, "Using AWS Lambda with Amazon DynamoDB"); the rate one
     * shard sustains at 1: BENCHMARKS.md, "Throughput per shard". The local mapping delivers one too.
     */
    public static final int PARALLELIZATION_FACTOR = 1;
    /**
     * Seconds the mapping waits to fill a batch: none, so a quiet stream is delivered at once and
     * {@link #BATCH_SIZE} is only a maximum.
     */
    public static final int MAX_BATCHING_WINDOW_SECONDS = 0;
    /** On a function error (crash, timeout) the mapping halves the batch to isolate the bad record. */
    public static final boolean BISECT_BATCH_ON_FUNCTION_ERROR = true;

    /**
     * The event filter of the stream's event source mapping, as Lambda's filter-criteria JSON:
     * only INSERT and MODIFY events whose key {@code pk} begins with {@code MSG#}. REMOVE events and
     * the handler's own {@code GRP#} writes never invoke the function. The CDK app deploys exactly
     * this pattern and the local {@code watch} command applies it.
     */
    public static final String EVENT_FILTER_PATTERN =
            "{\"eventName\":[\"INSERT\",\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"MSG#\"}]}}}}";

    private DeploymentContract() {
    }
}
