package com.cruddur.messaging.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one environment-agnostic stack, {@value #STACK_NAME}. Run by the CDK CLI through
 * {@code cdk.json} ({@code java -jar target/messaging-infra.jar}); ops use {@code ./dev cdk ...}.
 *
 * <p>The stack names no account or region, so {@code cdk synth} needs no credentials and makes no
 * lookups; {@code cdk deploy} deploys to the account and region of the caller's credentials.
 */
public final class InfraApp {

    /** Stack id and CloudFormation stack name; the template is {@code cdk.out/CruddurMessaging.template.json}. */
    public static final String STACK_NAME = "CruddurMessaging";

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            createStack(app);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A bad context value or a missing jar: one line for the person running cdk, no stack trace.
            System.err.println("infra: " + e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /** Adds the stack to the app, configured from the app's context. Tests build the stack with this too. */
    public static MessagingStack createStack(App app) {
        StackConfig config = StackConfig.fromContext(key -> app.getNode().tryGetContext(key));
        MessagingStack stack = new MessagingStack(app, STACK_NAME, StackProps.builder()
                .description("Cruddur messaging: the cruddur-messages table and the stream processor "
                        + "that maintains conversation lists")
                // No AWS::CDK::Metadata resource: the template depends on nothing but the code.
                .analyticsReporting(false)
                .build(), config);
        Tags.of(stack).add("app", "cruddur-messaging");
        return stack;
    }
}
