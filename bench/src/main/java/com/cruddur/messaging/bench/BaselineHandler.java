package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.schema.DeploymentContract;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The original design as a Lambda function, for the wire benchmark only: {@link BaselineStrategy}
 * behind Lambda's handler interface, so that it runs in the same runtime, JVM and wire as the
 * deployed handler. (The seed's own Python function cannot run here: it needs boto3.) Its client,
 * as the seed's boto3 client, is the SDK's with its defaults: the region and the endpoint
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}) from the environment; the URL-connection HTTP client, the only
 * one the deployment jar carries. Its classes are copied into the task root beside the extracted
 * deployment jar ({@code HandlerProcess}).
 */
public final class BaselineHandler implements RequestHandler<DynamodbEvent, Void> {

    static final String HANDLER = BaselineHandler.class.getName() + "::handleRequest";

    private final BaselineStrategy strategy;

    public BaselineHandler() {
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        strategy = new BaselineStrategy(client, System.getenv(DeploymentContract.Env.TABLE_NAME));
    }

    @Override
    public Void handleRequest(DynamodbEvent batch, Context context) {
        strategy.process(batch);
        return null;
    }
}
