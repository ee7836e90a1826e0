package com.cruddur.messaging.ops.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.ops.LocalEndpoints;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The failure bucket as the ops commands use it: its objects listed, read and removed on s3proxy;
 * the stack's bucket found by CloudFormation's tags on a server answering in S3's wire format
 * (s3proxy does not implement bucket tagging).
 */
class FailureBucketIT {

    private static final String STACK = DeploymentContract.Stack.NAME;
    private static final Map<String, String> OURS = Map.of(FailureBucket.STACK_NAME_TAG, STACK,
            FailureBucket.LOGICAL_ID_TAG, DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX + "1A2B3C4D");

    private static String key(String shard, UUID random) {
        return FailureObjects.key("3f0c9a52-1111-4222-8333-444455556666", shard, Instant.parse("2026-11-22T04:43:29Z"), random);
    }

    @Test
    void theObjectsUnderLambdasPrefixAreListedOldestFirstReadAndRemoved() {
        try (LocalS3 server = LocalS3.start(); S3Client s3 = LocalEndpoints.s3(server.endpoint())) {
            s3.createBucket(b -> b.bucket("failures"));
            String first = key("shardId-b", new UUID(0, 2));
            String second = key("shardId-a", new UUID(0, 1));
            for (String key : new String[] {first, second, "notes/readme.txt"}) {
                s3.putObject(b -> b.bucket("failures").key(key), RequestBody.fromString("{\"k\":\"" + key + "\"}"));
            }
            FailureBucket bucket = new FailureBucket(s3, "failures");

            // Stored within the same second: then by key.
            assertThat(bucket.list(Optional.empty())).extracting(FailureBucket.Entry::key).containsExactly(second, first);
            assertThat(bucket.list(Optional.empty())).allSatisfy(entry -> {
                assertThat(entry.size()).isEqualTo(("{\"k\":\"" + entry.key() + "\"}").length());
                assertThat(entry.lastModified()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            });
            assertThat(bucket.list(Optional.of(Instant.now().plusSeconds(60)))).isEmpty();
            assertThat(bucket.read(first)).hasValueSatisfying(content ->
                    assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"" + first + "\"}"));

            bucket.delete(first);
            bucket.delete(first);

            assertThat(bucket.read(first)).isEmpty();
            assertThat(bucket.list(Optional.empty())).extracting(FailureBucket.Entry::key).containsExactly(second);
        }
    }

    @Test
    void theStacksBucketIsTheOneCloudFormationTaggedWithTheStackAndTheBucketsLogicalId() {
        try (S3BucketsStub stub = new S3BucketsStub()
                .bucket("cruddurmessaging-alarmtopickey-1x2y3z4w5v6u", Map.of(FailureBucket.STACK_NAME_TAG, STACK,
                        FailureBucket.LOGICAL_ID_TAG, "AlarmTopicKey5F2B8A1C"))
                .bucket("cruddurmessaging-untagged", null)
                .bucket("cruddurmessagingstaging-streamfailuredestinat-9q8w7e6r5t4y", Map.of(
                        FailureBucket.STACK_NAME_TAG, STACK + "Staging",
                        FailureBucket.LOGICAL_ID_TAG, DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX + "9F8E"))
                .bucket("cruddurmessaging-streamfailuredestinat-a1b2c3d4e5f6", OURS)
                .bucket("someone-elses-bucket", OURS);
             S3Client s3 = LocalEndpoints.s3(stub.endpoint())) {

            Optional<String> found = FailureBucket.findStackBucket(s3, STACK);

            assertThat(found).contains("cruddurmessaging-streamfailuredestinat-a1b2c3d4e5f6");
            assertThat(stub.requests().getFirst()).startsWith("GET /?").contains("prefix=cruddurmessaging")
                    .contains("bucket-region=us-east-1");
            // A bucket the prefix excludes is never asked for its tags, even from a server that ignores the prefix.
            assertThat(stub.requests()).noneMatch(r -> r.contains("someone-elses-bucket"));
        }
    }

    @Test
    void noBucketOrSeveralAreSaid() {
        try (S3BucketsStub none = new S3BucketsStub().bucket("cruddurmessaging-untagged", null);
             S3Client s3 = LocalEndpoints.s3(none.endpoint())) {
            assertThat(FailureBucket.findStackBucket(s3, STACK)).isEmpty();
        }
        try (S3BucketsStub two = new S3BucketsStub().bucket("cruddurmessaging-one", OURS).bucket("cruddurmessaging-two", OURS);
             S3Client s3 = LocalEndpoints.s3(two.endpoint())) {
            assertThatThrownBy(() -> FailureBucket.findStackBucket(s3, STACK)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("several buckets are tagged as stack CruddurMessaging's failure bucket: cruddurmessaging-one,"
                            + " cruddurmessaging-two");
        }
    }
}
