package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.schema.DeploymentContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stream's other readers: the event source mappings Lambda has on the table's stream
 * ({@code ListEventSourceMappings} by the stream's ARN). Any mapping of a function other than this
 * stack's stream handler is a failure: it is a second writer of the {@code GRP#} rows (such as the
 * original Python trigger, which this handler replaces), and with this stack's mapping and
 * {@code redrive} reading too, more readers than DynamoDB Streams allows per shard (DynamoDB
 * Streams API reference, {@code LimitExceededException}: "More than 2 processes are reading from
 * the same streams shard at the same time. Exceeding this limit may result in request
 * throttling."). A mapping is this stack's when its function's name begins with
 * {@value #OWN_FUNCTION_PREFIX} (see {@link DeploymentContract.Stack#FUNCTION_ID}).
 */
final class StreamConsumersCheck {

    static final String NAME = "stream-consumers";
    /** How the stack's stream handler's function name begins. */
    static final String OWN_FUNCTION_PREFIX = DeploymentContract.Stack.NAME + "-" + DeploymentContract.Stack.FUNCTION_ID;
    /** Mapping states that do not read the stream (Lambda API reference, EventSourceMappingConfiguration State). */
    private static final Set<String> NOT_READING = Set.of("Disabled", "Deleting");

    /**
     * An event source mapping of the stream.
     *
     * @param uuid        its UUID
     * @param functionArn the function (or version, or alias) it invokes
     * @param state       its State, such as Enabled
     */
    record Mapping(String uuid, String functionArn, String state) {

        /** The function's name: {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
        String functionName() {
            String[] parts = functionArn == null ? new String[0] : functionArn.split(":");
            return parts.length >= 7 ? parts[6] : String.valueOf(functionArn);
        }

        boolean own() {
            return functionName().startsWith(OWN_FUNCTION_PREFIX);
        }
    }

    private StreamConsumersCheck() {
    }

    /**
     * @param streamArn the table's latest stream, null when there is none (the table check says why)
     * @param mappings  the mappings of that stream, as read
     */
    static Verdict verdict(String streamArn, Lookup<List<Mapping>> mappings) {
        if (streamArn == null) {
            return Verdict.skip(NAME, "no stream to check (see table)");
        }
        return switch (mappings) {
            case Lookup.NotChecked<List<Mapping>> not -> Verdict.skip(NAME, not.why());
            case Lookup.Failed<List<Mapping>> failed -> Lookup.unavailable(NAME, failed, "lambda:ListEventSourceMappings");
            case Lookup.Missing<List<Mapping>> _ -> Verdict.ok(NAME, "no event source mapping reads " + streamArn);
            case Lookup.Found<List<Mapping>> found -> mappings(streamArn, found.value());
        };
    }

    private static Verdict mappings(String streamArn, List<Mapping> all) {
        List<Mapping> others = new ArrayList<>();
        int own = 0;
        int idle = 0;
        for (Mapping mapping : all) {
            if (mapping.own()) {
                own++;
            } else if (NOT_READING.contains(mapping.state())) {
                idle++;
            } else {
                others.add(mapping);
            }
        }
        String counted = "this stack's mappings: " + own + (idle == 0 ? "" : ", other functions' disabled: " + idle);
        if (others.isEmpty()) {
            return Verdict.ok(NAME, "no other reader of the stream (" + counted + "; this stack's function names begin"
                    + " with " + OWN_FUNCTION_PREFIX + ")");
        }
        List<String> named = others.stream().map(m -> m.uuid() + " (function " + m.functionName() + ", " + m.state() + ")")
                .toList();
        List<String> disable = others.stream()
                .map(m -> "aws lambda update-event-source-mapping --uuid " + m.uuid() + " --no-enabled").toList();
        return Verdict.fail(NAME, "another reader of the stream: " + String.join(", ", named) + " (" + counted
                + "): a second writer of the GRP# rows; DynamoDB Streams allows two readers per shard (more are throttled)",
                String.join(" && ", disable) + " (then deploy and reconcile: the cutover in infra/README-ops.md)");
    }
}
