package com.cruddur.messaging.stream;

import com.cruddur.messaging.schema.DeploymentContract.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invocation's custom metrics as a CloudWatch Embedded Metric Format (EMF) document, written
 * in the function's log: CloudWatch Logs extracts the metrics from the log event, so the function
 * needs no monitoring endpoint (its VPC has none) and no {@code cloudwatch:PutMetricData}.
 *
 * <p>The shape follows "Specification: Embedded metric format" (CloudWatch User Guide): a root
 * member {@code _aws} holding {@code Timestamp} (epoch milliseconds) and {@code CloudWatchMetrics},
 * one MetricDirective with the {@code Namespace}, one DimensionSet {@code [["FunctionName"]]} and
 * a MetricDefinition ({@code Name}, {@code Unit}) per metric; the dimension and every metric are
 * <em>target members</em> at the root, a string and numbers. Lambda delivers the line to CloudWatch
 * Logs as one log event that is exactly this JSON object ("Using the embedded metric format with
 * Lambda"; see {@link StructuredLog} for why no runtime wrapper is put around it), which is the
 * condition for extraction under the JSON log format: the document must be the event itself, not a
 * string inside Lambda's {@code message} member.
 *
 * <p>Names, namespace default and dimension are the deployment contract's
 * ({@link Metrics}): the stack's alarms and dashboard read the same constants.
 */
final class EmbeddedMetrics {

    /** EMF MetricDefinition units (CloudWatch {@code MetricDatum} units). */
    static final String COUNT = "Count";
    static final String MILLISECONDS = "Milliseconds";

    private final String namespace;
    private final Map<String, Object> directive;

    EmbeddedMetrics(String namespace) {
        this.namespace = namespace;
        List<Map<String, String>> definitions = new ArrayList<>();
        for (String name : List.of(Metrics.RECORDS, Metrics.MESSAGES, Metrics.GROUPS, Metrics.GROUPS_UPDATED,
                Metrics.GROUPS_FAILED, Metrics.MALFORMED_RECORDS, Metrics.ROWS_RECREATED, Metrics.STALE_ROWS,
                Metrics.ATTEMPTS)) {
            definitions.add(definition(name, COUNT));
        }
        definitions.add(definition(Metrics.DURATION_MS, MILLISECONDS));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Namespace", namespace);
        d.put("Dimensions", List.of(List.of(Metrics.DIMENSION)));
        d.put("Metrics", List.copyOf(definitions));
        this.directive = d;
    }

    String namespace() {
        return namespace;
    }

    /**
     * The document's members, in order: {@code _aws}, the dimension, the metrics.
     *
     * @param functionName the dimension's value (Lambda's {@code AWS_LAMBDA_FUNCTION_NAME})
     */
    Map<String, Object> document(InvocationReport r, String functionName, Instant at) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", at.toEpochMilli());
        aws.put("CloudWatchMetrics", List.of(directive));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", aws);
        doc.put(Metrics.DIMENSION, functionName);
        doc.put(Metrics.RECORDS, r.records());
        doc.put(Metrics.MESSAGES, r.messages());
        doc.put(Metrics.GROUPS, r.groups().size());
        doc.put(Metrics.GROUPS_UPDATED, r.groupsUpdated());
        doc.put(Metrics.GROUPS_FAILED, r.groupsFailed());
        doc.put(Metrics.MALFORMED_RECORDS, r.malformed().size());
        doc.put(Metrics.ROWS_RECREATED, r.rowsRecreated());
        doc.put(Metrics.STALE_ROWS, r.staleRows());
        doc.put(Metrics.ATTEMPTS, r.retries());
        doc.put(Metrics.DURATION_MS, r.duration().toMillis());
        return doc;
    }

    private static Map<String, String> definition(String name, String unit) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("Name", name);
        d.put("Unit", unit);
        return d;
    }
}
