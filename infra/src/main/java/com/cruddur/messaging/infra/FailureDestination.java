package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Where the event source mapping puts a batch it gave up on: an S3 bucket. For an S3 destination of
 * a DynamoDB stream mapping Lambda writes the whole invocation record, the batch's records included
 * (field {@code payload}), not only the shard and sequence range it sends to SQS or SNS (Lambda
 * developer guide, "Retain discarded records for a DynamoDB event source in Lambda"). So a failure
 * can be redriven from the bucket after the stream's 24 hours ({@code ./dev redrive --aws}).
 *
 * <p>The objects hold message text and user names: the bucket is private to the account, TLS-only,
 * encrypted, and expires them after the retention (infra/README-ops.md, "The failure bucket").
 */
final class FailureDestination extends Construct {

    /**
     * The construct's id: with its bucket's ({@value #BUCKET_ID}), it makes the bucket's logical id
     * begin with {@link DeploymentContract.Stack#FAILURE_BUCKET_LOGICAL_ID_PREFIX}, by which the ops
     * commands find it.
     */
    static final String ID = "StreamFailureDestination";
    static final String BUCKET_ID = "Bucket";

    private final Bucket bucket;

    FailureDestination(Construct scope, String id, int retentionDays) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, BUCKET_ID)
                // SSE-KMS under the AWS managed key aws/s3, without an S3 Bucket Key. Every put and every read
                // of a failure object is then a KMS request in the caller's name, recorded by CloudTrail as a
                // management event (on by default, unlike S3's data events): who read message text is on
                // record. The key's policy lets this account's principals use it only through S3, so neither
                // the function's role nor whoever redrives needs a kms: permission (the Lambda guide asks for
                // kms:GenerateDataKey only with a key of your own), there is no key to administer or pay for
                // monthly, and a few KMS requests per failed batch cost next to nothing. Control Tower's
                // CT.S3.PR.10 asks for SSE-KMS; SSE-S3 would fail it. A customer managed key would gate reads
                // behind kms:Decrypt, but the table the same text comes from is under aws/dynamodb: the objects
                // are no more exposed than the table (infra/README-ops.md, "The failure bucket").
                .encryption(BucketEncryption.KMS_MANAGED)
                .bucketKeyEnabled(false)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                // No ACLs: the account owns every object, whoever wrote it.
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                // Not versioned: an object is written once under a unique key and never overwritten, and
                // deleting it (redrive, or a user's deletion request) must remove the text it holds.
                .versioned(false)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireFailureObjects")
                        .expiration(Duration.days(retentionDays))
                        // Nothing is uploaded in parts (Lambda puts each record whole), but a part left
                        // behind would be billed and kept forever.
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                // RetainExceptOnCreate, UpdateReplacePolicy Retain: a failed first deploy rolls the empty
                // bucket back with the rest, and once deployed no stack operation deletes failure objects.
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .build();
        acceptFindings();
    }

    Bucket bucket() {
        return bucket;
    }

    /** The bucket's logical id, as cdk-nag names it in a finding ({@code <logicalId.Arn>}). */
    String bucketLogicalId() {
        return (String) Stack.of(this).resolve(((CfnBucket) bucket.getNode().getDefaultChild()).getLogicalId());
    }

    /**
     * What Lambda needs to deliver a failure object with the function's role, and no more: the Lambda
     * guide ("Retain discarded records for a DynamoDB event source in Lambda") asks for
     * {@code s3:PutObject} and {@code s3:ListBucket}. The put is held to the documented key layout
     * ({@link FailureObjects#KEY_PREFIX}). Both are held to a bucket of this
     * account with {@code s3:ResourceAccount}, as the same page's security warning asks: bucket names
     * are global, and a deleted bucket's name could be taken by another account, to which records
     * would otherwise go. No read, no delete: redriving is an operator's job.
     */
    List<PolicyStatement> deliveryStatements() {
        Map<String, Object> inThisAccount = new LinkedHashMap<>();
        inThisAccount.put("StringEquals", Map.of("s3:ResourceAccount", Aws.ACCOUNT_ID));
        return List.of(
                PolicyStatement.Builder.create()
                        .sid("PutFailureObjects")
                        .actions(List.of("s3:PutObject"))
                        .resources(List.of(bucket.arnForObjects(FailureObjects.KEY_PREFIX + "*")))
                        .conditions(inThisAccount)
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ListFailureBucket")
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(bucket.getBucketArn()))
                        .conditions(inThisAccount)
                        .build());
    }

    /** The policy checks' findings on the bucket that are accepted, each with its reason. */
    private void acceptFindings() {
        String auditedByKms = "Every read and write of a failure object is a KMS request (SSE-KMS with aws/s3, no Bucket "
                + "Key) that CloudTrail records as a management event naming the caller; server access logs would "
                + "need a second bucket, itself holding request logs of message data, for the same answer.";
        Suppressions.nag(bucket, "AwsSolutions-S1", auditedByKms);
        Suppressions.guard(bucket, "s3_bucket_logging_enabled_check", auditedByKms);
        Suppressions.guard(bucket, "s3_bucket_versioning_enabled_check", "Failure objects are written once under "
                + "unique keys and never overwritten; deleting one (after a redrive, or for a user's deletion request) "
                + "must remove the message text it holds, which versioning would keep as a noncurrent version. An object "
                + "lost by mistake is recovered from the table itself with ./dev reconcile --aws --apply.");
        Suppressions.guard(bucket, "s3_bucket_object_lock_enabled_check", "Object Lock would forbid deleting a failure "
                + "object before its retention ends, but an object must be deletable at once after its redrive and for "
                + "a user's deletion request; the lifecycle rule expires the rest.");
        Suppressions.guard(bucket, "s3_event_notifications_enabled_check", "Lambda's own metric of deliveries to this "
                + "bucket (OnFailureDestinationDeliveredEventCount, per event source mapping) raises an alarm on every "
                + "object written; an S3 notification would need a topic or queue and duplicate that alarm.");
    }
}
