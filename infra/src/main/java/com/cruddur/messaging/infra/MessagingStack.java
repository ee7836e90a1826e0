package com.cruddur.messaging.infra;

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
    private final StreamAlarms alarms;

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
                : new NewMessagesTable(this, "MessagesTable", config.tableName());
        // 2. A private network whose only way out is a DynamoDB gateway endpoint.
        network = new PrivateNetwork(this, "Network", config.existingVpc());
        // 3. Where the event source mapping reports the batches it gave up on.
        failureDestination = new FailureDestination(this, "StreamFailureDestination");
        // 4. The function, its role, its published version and alias, and the mapping from the stream.
        streamFunction = new StreamFunction(this, "StreamHandler", config.lambdaJar(), config.writeMode(), table, network,
                failureDestination);
        // 5. Through the endpoint, only the function's role, only to the table and its index.
        network.admitOnly(streamFunction.role(), table);
        // 6. What ops watch.
        alarms = new StreamAlarms(this, "Alarms", streamFunction.alias(), failureDestination.queue());
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

    StreamAlarms alarms() {
        return alarms;
    }
}
