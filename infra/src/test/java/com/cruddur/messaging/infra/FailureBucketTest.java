package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The failure destination: an S3 bucket that holds whole batches, message text included, so it is
 * encrypted under KMS, TLS-only, private, owner-enforced, expiring, and kept by every stack operation
 * but the rollback of the deploy that created it. Its permissions are evaluated in
 * {@link IamPolicyEvaluationIT}.
 */
class FailureBucketTest {

    private static final String BUCKET = "AWS::S3::Bucket";

    private static Template template;
    private static String bucketId;
    private static Map<String, Object> bucket;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
        bucketId = Synth.resources(template, BUCKET).keySet().iterator().next();
        bucket = Synth.resources(template, BUCKET).get(bucketId);
    }

    @Test
    void theStackHasOneBucketWhoseLogicalIdIsTheOneTheOpsCommandsLookFor() {
        template.resourceCountIs(BUCKET, 1);
        // CloudFormation tags the bucket aws:cloudformation:logical-id: redrive and doctor find it by this prefix.
        assertThat(bucketId).startsWith(DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX)
                .hasSize(DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX.length() + 8);
    }

    @Test
    void theStackOutputsTheBucketsNameAndNoLongerAQueueUrl() {
        Map<String, Object> outputs = get(template.toJSON(), "Outputs");

        // Ref of a bucket is its name: what `redrive --aws --bucket` takes.
        assertThat(Synth.<Object>get(outputs, DeploymentContract.Stack.FAILURE_BUCKET_NAME_OUTPUT, "Value"))
                .isEqualTo(Map.of("Ref", bucketId));
        // the queue's output is gone with the queue (its constant is deleted at the merge)
        assertThat(outputs).doesNotContainKey("StreamFailureQueueUrl");
    }

    @Test
    void isEncryptedWithKmsUnderTheAwsManagedKeyWithoutABucketKeySoEveryReadIsAKmsRequestOnRecord() {
        assertThat(Synth.<Object>get(bucket, "Properties", "BucketEncryption")).isEqualTo(Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", false,
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms")))));
    }

    @Test
    void blocksPublicAccessEnforcesTheOwnerAndHasNoVersions() {
        assertThat(Synth.<Object>get(bucket, "Properties", "PublicAccessBlockConfiguration")).isEqualTo(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(Synth.<Object>get(bucket, "Properties", "OwnershipControls"))
                .isEqualTo(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
        // a deleted object must take its message text with it
        assertThat(Synth.<Map<String, Object>>get(bucket, "Properties")).doesNotContainKey("VersioningConfiguration");
    }

    @Test
    void itsPolicyOnlyDeniesRequestsWithoutTls() {
        Map<String, Object> policy = Synth.onlyProperties(template, "AWS::S3::BucketPolicy");

        assertThat(policy.get("Bucket")).isEqualTo(Map.of("Ref", bucketId));
        List<Object> statements = Synth.list(get(policy, "PolicyDocument", "Statement"));
        assertThat(statements).hasSize(1);
        assertThat(statements.getFirst()).isEqualTo(Map.of(
                "Action", "s3:*",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                "Effect", "Deny",
                "Principal", Map.of("AWS", "*"),
                "Resource", List.of(
                        Map.of("Fn::GetAtt", List.of(bucketId, "Arn")),
                        Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucketId, "Arn")), "/*"))))));
    }

    @Test
    void expiresFailureObjectsAfterFourteenDaysByDefault() {
        assertThat(lifecycleRules(template)).containsExactly(Map.of(
                "Id", "ExpireFailureObjects",
                "Status", "Enabled",
                "ExpirationInDays", 14,
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)));
    }

    @Test
    void expiresThemAfterTheRetentionGivenByContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.FAILURE_RETENTION_DAYS, "30");

        List<Object> rules = lifecycleRules(Template.fromStack(Synth.stack(context)));

        assertThat(rules).hasSize(1);
        assertThat(Synth.<Object>get(rules.getFirst(), "ExpirationInDays")).isEqualTo(30);
    }

    @Test
    void aFailedFirstDeployDeletesTheEmptyBucketAndEveryLaterStackOperationKeepsIt() {
        assertThat(bucket).containsEntry("DeletionPolicy", "RetainExceptOnCreate")
                .containsEntry("UpdateReplacePolicy", "Retain");
        // the bucket policy holds no data: it goes with the stack
        assertThat(Synth.resources(template, "AWS::S3::BucketPolicy").values().iterator().next())
                .doesNotContainKeys("DeletionPolicy", "UpdateReplacePolicy");
    }

    private static List<Object> lifecycleRules(Template template) {
        Map<String, Object> properties = Synth.onlyProperties(template, BUCKET);
        return Synth.list(get(properties, "LifecycleConfiguration", "Rules"));
    }
}
