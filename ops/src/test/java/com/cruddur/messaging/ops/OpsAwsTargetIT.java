package com.cruddur.messaging.ops;

import static com.cruddur.messaging.ops.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.failures.S3BucketsStub;
import com.cruddur.messaging.schema.LocalServices;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ops tool with {@code --aws}: the default credential chain and region, no endpoint of its own,
 * pointed at DynamoDB Local (and an S3 stub) through the SDK's own standard settings, as
 * {@code AWS_ENDPOINT_URL_DYNAMODB} would point it for people. It exercises exactly the clients
 * {@code --aws} builds.
 */
class OpsAwsTargetIT {

    private static final Map<String, String> saved = new HashMap<>();
    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient admin;

    @BeforeAll
    static void pointTheDefaultChainAtDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.start();
        admin = dynamoDb.client();
        set("aws.region", LocalServices.REGION);
        set("aws.accessKeyId", LocalServices.ACCESS_KEY_ID);
        set("aws.secretAccessKey", LocalServices.SECRET_ACCESS_KEY);
        set("aws.endpointUrl", dynamoDb.endpoint().toString());
    }

    @AfterAll
    static void restoreTheSettings() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        admin.close();
        dynamoDb.close();
    }

    @Test
    void redriveWithAwsSaysWhenNoBucketOfTheStackIsFoundAsAFailureDestinationError() {
        TableDefinitions.createTable(admin, "cruddur-messages");
        try (S3BucketsStub s3 = new S3BucketsStub().bucket("cruddurmessaging-untagged", null)) {
            // The SDK's own setting for S3's endpoint, as AWS_ENDPOINT_URL_S3 is for people.
            System.setProperty("aws.endpointUrlS3", s3.endpoint().toString());
            OpsRun run;
            try {
                run = ops("redrive", "--aws", "--dry-run");
            } finally {
                System.clearProperty("aws.endpointUrlS3");
            }

            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILURE_DESTINATION_ERROR.code());
            assertThat(run.errLines()).containsExactly("messaging-ops redrive: no failure bucket of the stack"
                    + " CruddurMessaging found in us-east-1; give --bucket NAME, the"
                    + " stack's output StreamFailureBucketName: aws cloudformation describe-stacks --stack-name"
                    + " CruddurMessaging --query \"Stacks[0].Outputs[?OutputKey=='StreamFailureBucketName'].OutputValue\""
                    + " --output text");
            assertThat(s3.requests()).anyMatch(r -> r.startsWith("GET /?") && r.contains("prefix=cruddurmessaging"));
        }
    }

    private static void set(String name, String value) {
        saved.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }
}
