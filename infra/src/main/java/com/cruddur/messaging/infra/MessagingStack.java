package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The {@code cruddur-messages} table and the stream processor that keeps conversation lists in step
 * with it. Read top to bottom, the constructor is the stack's table of contents; each part is its
 * own construct.
 *
 * <p>Every map the constructs build is a {@code LinkedHashMap}: the template must come out byte for
 * byte the same on every synth.
 */
public final class MessagingStack extends Stack {

    private final MessagesTableRef table;
    private final PrivateNetwork network;
    private final FailureDestination failureDestination;
    private final StreamFunction streamFunction;
    private final AlarmTopic alarmTopic;
    private final StreamAlarms alarms;
    private final OpsDashboard dashboard;
    private final SavedQueries savedQueries;

    /**
     * Defines the stack.
     *
     * @throws IllegalStateException when the lambda jar named by the configuration does not exist
     */
    public MessagingStack(Construct scope, String id, StackProps props, StackConfig config) {
        super(scope, id, props);

        // 1. The table with its index and NEW_IMAGE stream; or an existing one, by name and stream ARN.
        table = config.existingTable().isPresent()
                ? config.existingTable().get()
                : new NewMessagesTable(this, "MessagesTable", config.tableName(),
                        config.dataProtection().tableDeletionProtection());
        // 2. A private network whose only way out is a DynamoDB gateway endpoint.
        network = new PrivateNetwork(this, "Network", config.existingVpc());
        // 3. Where the event source mapping keeps the batches it gave up on, whole.
        failureDestination = new FailureDestination(this, FailureDestination.ID,
                config.dataProtection().failureRetentionDays());
        // 4. The function, its role, its published version and alias, and the mapping from the stream.
        streamFunction = new StreamFunction(this, DeploymentContract.Stack.FUNCTION_ID, config, table, network, failureDestination);
        // 5. Through the endpoint, only the function's role, only to the table and its index.
        network.admitOnly(streamFunction.role(), table);
        // 6. What on-call is told, and where they look: the alarm topic (created, or an existing one), the
        //    alarms, the dashboard and the saved Logs Insights queries.
        alarmTopic = new AlarmTopic(this, "AlarmTopic", config.observability().alarmTopicArn());
        StreamMetrics metrics = new StreamMetrics(streamFunction.function(), streamFunction.mapping().getRef(), table);
        alarms = new StreamAlarms(this, "Alarms", metrics, alarmTopic.topic(), config.observability().runbookUrl());
        dashboard = new OpsDashboard(this, "Dashboard", metrics, alarms.alarms());
        savedQueries = new SavedQueries(this, "Queries", streamFunction.logGroup());
        // What the runbook's commands and queries need (infra/README-ops.md, "Alarms and runbook").
        output("AlarmTopicArn", "Subscribe on-call to this topic", alarmTopic.topic().getTopicArn());
        output("StreamHandlerFunctionName", "The stream handler", streamFunction.function().getFunctionName());
        output("StreamHandlerLogGroup", "Its log group, for Logs Insights", streamFunction.logGroup().getLogGroupName());
        output(DeploymentContract.Stack.FAILURE_BUCKET_NAME_OUTPUT, "The failure destination, read by ./dev redrive --aws",
                failureDestination.bucket().getBucketName());
    }

    private void output(String id, String description, String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }

    MessagesTableRef table() {
        return table;
    }

    PrivateNetwork network() {
        return network;
    }

    FailureDestination failureDestination() {
        return failureDestination;
    }

    StreamFunction streamFunction() {
        return streamFunction;
    }

    AlarmTopic alarmTopic() {
        return alarmTopic;
    }

    StreamAlarms alarms() {
        return alarms;
    }

    OpsDashboard dashboard() {
        return dashboard;
    }

    SavedQueries savedQueries() {
        return savedQueries;
    }
}
