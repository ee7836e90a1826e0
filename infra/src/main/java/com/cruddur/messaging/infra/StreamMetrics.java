package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * Every metric the alarms and the dashboard read, in one place, so that both name the same series:
 * the function's own (Embedded Metric Format, {@link DeploymentContract.Metrics}), Lambda's of the
 * function and of its event source mapping, and the table's and index's.
 *
 * <p>Lambda's metrics are the function-wide series (dimension {@code FunctionName} only): "aggregate
 * metrics for all versions and aliases of a function" (Lambda developer guide, "Viewing metrics on
 * the CloudWatch console"). The mapping invokes only the alias, and the function-wide series is the
 * one Lambda publishes for every metric, so no deploy (a new version behind the alias) starts a new
 * series under an alarm.
 *
 * @param mappingUuid the event source mapping's UUID (a token: its {@code Ref})
 */
record StreamMetrics(IFunction function, String mappingUuid, MessagesTableRef table) {

    /** The namespace of the function's EMF metrics; the stack sets it in the function's environment. */
    static final String NAMESPACE = DeploymentContract.Metrics.DEFAULT_NAMESPACE;
    static final String LAMBDA = "AWS/Lambda";
    static final String DYNAMODB = "AWS/DynamoDB";
    /** The dimension of an event source mapping's metrics: its UUID (the mapping's {@code Ref}). */
    static final String MAPPING_DIMENSION = "EventSourceMappingUUID";

    /**
     * The event source mapping's metrics of its {@code EventCount} group (Lambda developer guide, "Event
     * source mapping metrics"), in {@value #LAMBDA} with the dimension {@value #MAPPING_DIMENSION}.
     */
    enum MappingMetric {
        /** Records read from the stream; 0 for an empty poll, none at all while the mapping does not poll. */
        POLLED("PolledEventCount"),
        /** Records the filter left out. */
        FILTERED_OUT("FilteredOutEventCount"),
        /** Records the function was invoked with (retries counted again). */
        INVOKED("InvokedEventCount"),
        /** Records of invocations that failed, or whose response reported batch item failures. */
        FAILED_INVOKE("FailedInvokeEventCount"),
        /** Records given up on (retries exhausted or too old) that were not delivered to the failure destination. */
        DROPPED("DroppedEventCount"),
        /** Records given up on and delivered to the failure destination. */
        DELIVERED_TO_FAILURE_DESTINATION("OnFailureDestinationDeliveredEventCount");

        /** The metric's name in CloudWatch. */
        final String metricName;

        MappingMetric(String metricName) {
            this.metricName = metricName;
        }
    }

    /** One of the function's EMF metrics ({@link DeploymentContract.Metrics}), dimension FunctionName. */
    Metric custom(String name, String statistic, Duration period) {
        return metric(NAMESPACE, name, linkedMap(DeploymentContract.Metrics.DIMENSION, function.getFunctionName()),
                statistic, period, name + " (" + statistic + ")");
    }

    /** One of Lambda's metrics of the function (all versions and aliases). */
    Metric lambda(String name, String statistic, Duration period) {
        return function.metric(name, options(name, statistic, period));
    }

    /** One of the event source mapping's metrics, dimension EventSourceMappingUUID. */
    Metric mapping(MappingMetric which, String statistic, Duration period) {
        return metric(LAMBDA, which.metricName, linkedMap(MAPPING_DIMENSION, mappingUuid), statistic, period,
                which.metricName + " (" + statistic + ")");
    }

    /**
     * The invocations of a period that returned without error when none of the function's EMF documents
     * ({@link DeploymentContract.Metrics#RECORDS}, one per invocation) became a metric in it; 0 when
     * any did. The handler writes its metrics in every invocation that returns, so such a period means
     * CloudWatch Logs stopped extracting them (a changed namespace or log format, the log group's
     * subscription, an EMF quota), and GroupsFailed and MalformedRecords, which read them, are blind.
     * FILL: a metric without datapoints in a period counts as 0.
     */
    IMetric emfMetricsMissing(Duration period) {
        Map<String, IMetric> using = new LinkedHashMap<>();
        using.put("invocations", lambda("Invocations", "Sum", period));
        using.put("errors", lambda("Errors", "Sum", period));
        using.put("emfRecords", custom(DeploymentContract.Metrics.RECORDS, "SampleCount", period));
        return expression("IF(FILL(emfRecords, 0) == 0, FILL(invocations, 0) - FILL(errors, 0), 0)", using,
                "Invocations without EMF metrics", period);
    }

    /** One of DynamoDB's metrics of the base table (dimension TableName: the table without its indexes). */
    Metric table(String name, String statistic, Duration period) {
        return dynamoDb(name, statistic, period, linkedMap("TableName", table.tableName()), "table");
    }

    /** One of DynamoDB's metrics of the group index (dimensions TableName, GlobalSecondaryIndexName). */
    Metric index(String name, String statistic, Duration period) {
        Map<String, String> dimensions = linkedMap("TableName", table.tableName());
        dimensions.put("GlobalSecondaryIndexName", MessagesTable.GROUP_INDEX_NAME);
        return dynamoDb(name, statistic, period, dimensions, "index");
    }

    /**
     * Throttled read and write events of the base table, summed. DynamoDB counts throttling per event
     * in {@code ReadThrottleEvents}/{@code WriteThrottleEvents}, published for the table (dimension
     * TableName, "but not for any global secondary indexes") and for each index (TableName and
     * GlobalSecondaryIndexName); {@code ThrottledRequests} has the dimensions TableName and Operation
     * only, so it cannot tell the index apart and counts a request once however many of its events
     * were throttled (DynamoDB developer guide, "CloudWatch throttling metrics" and "DynamoDB metrics
     * and dimensions"). A series without throttling has no datapoints; FILL makes a minute with reads
     * but no writes throttled (or the reverse) count.
     */
    IMetric tableThrottleEvents(Duration period) {
        return throttleEvents(table("ReadThrottleEvents", "Sum", period), table("WriteThrottleEvents", "Sum", period),
                "Table throttle events", period);
    }

    /**
     * Throttled read and write events of the group index, summed: the handler's queries, and the
     * index's share of writes to GRP# rows (a throttled index write throttles the table write too).
     */
    IMetric indexThrottleEvents(Duration period) {
        return throttleEvents(index("ReadThrottleEvents", "Sum", period), index("WriteThrottleEvents", "Sum", period),
                "Index throttle events", period);
    }

    private static IMetric throttleEvents(Metric reads, Metric writes, String label, Duration period) {
        Map<String, IMetric> using = new LinkedHashMap<>();
        using.put("reads", reads);
        using.put("writes", writes);
        return expression("FILL(reads, 0) + FILL(writes, 0)", using, label, period);
    }

    private static MathExpression expression(String expression, Map<String, IMetric> using, String label,
                                             Duration period) {
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(using)
                .label(label)
                .period(period)
                .build();
    }

    private static Metric dynamoDb(String name, String statistic, Duration period, Map<String, String> dimensions,
                                   String of) {
        return metric(DYNAMODB, name, dimensions, statistic, period, name + " (" + of + ")");
    }

    private static Metric metric(String namespace, String name, Map<String, String> dimensions, String statistic,
                                 Duration period, String label) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(period)
                .label(label)
                .build();
    }

    private static MetricOptions options(String name, String statistic, Duration period) {
        return MetricOptions.builder().statistic(statistic).period(period).label(name + " (" + statistic + ")").build();
    }

    private static Map<String, String> linkedMap(String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
