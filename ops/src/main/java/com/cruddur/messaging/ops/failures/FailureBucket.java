package com.cruddur.messaging.ops.failures;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The stream mapping's failure destination, an S3 bucket of failure objects
 * ({@link FailureObjects}), as the ops commands use it: find the stack's bucket, list its objects,
 * read one, remove one. S3's errors are left to the caller, which says which service failed. It
 * reads nothing else and never writes an object: Lambda writes them.
 */
public final class FailureBucket {

    /**
     * A failure object, as listed.
     *
     * @param key          its key, {@code aws/lambda/<ESM-UUID>/<shardID>/...}
     * @param lastModified when S3 stored it (Lambda writes each object once)
     * @param size         its size in bytes
     */
    public record Entry(String key, Instant lastModified, long size) {
    }

    /** The tags CloudFormation puts on every resource it creates ("Resource tag", CloudFormation template reference). */
    static final String STACK_NAME_TAG = "aws:cloudformation:stack-name";
    static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";
    /** What S3 answers GetBucketTagging for a bucket without tags. */
    private static final String NO_TAGS = "NoSuchTagSet";

    private final S3Client s3;
    private final String bucket;

    public FailureBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The bucket's name. */
    public String name() {
        return bucket;
    }

    /**
     * The stack's failure bucket, found with S3 alone (no CloudFormation permission needed): among the
     * buckets of the client's region whose name begins with the stack's name in lower case
     * (CloudFormation names a bucket it creates without a name after its stack and logical id, in
     * lower case), the one CloudFormation tagged with the stack's name and a logical id beginning with
     * {@link DeploymentContract.Stack#FAILURE_BUCKET_LOGICAL_ID_PREFIX}.
     *
     * @return its name, or empty when no bucket fits
     * @throws IllegalStateException when more than one does
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 cannot be reached or refuses
     */
    public static Optional<String> findStackBucket(S3Client s3, String stackName) {
        String prefix = stackName.toLowerCase(Locale.ROOT);
        Region region = s3.serviceClientConfiguration().region();
        List<String> found = new ArrayList<>();
        // ListBuckets by prefix and region, paginated (S3 API reference, ListBuckets): a bucket of
        // another region would answer GetBucketTagging only at its own regional endpoint.
        for (Bucket candidate : s3.listBucketsPaginator(b -> b.prefix(prefix)
                .bucketRegion(region == null ? null : region.id())).buckets()) {
            // A server that ignores the prefix (s3proxy does) still gets only the stack's buckets tried.
            if (!candidate.name().startsWith(prefix)) {
                continue;
            }
            Map<String, String> tags = tags(s3, candidate.name());
            if (stackName.equals(tags.get(STACK_NAME_TAG)) && tags.getOrDefault(LOGICAL_ID_TAG, "")
                    .startsWith(DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX)) {
                found.add(candidate.name());
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("several buckets are tagged as stack " + stackName + "'s failure bucket: "
                    + String.join(", ", found));
        }
        return found.stream().findFirst();
    }

    /**
     * The failure objects, oldest first.
     *
     * @param since only those S3 stored at or after this instant, if given
     */
    public List<Entry> list(Optional<Instant> since) {
        List<Entry> entries = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(FailureObjects.KEY_PREFIX)).contents()) {
            if (since.isEmpty() || !object.lastModified().isBefore(since.get())) {
                entries.add(new Entry(object.key(), object.lastModified(), object.size() == null ? 0 : object.size()));
            }
        }
        entries.sort(Comparator.comparing(Entry::lastModified).thenComparing(Entry::key));
        return entries;
    }

    /** An object's content; empty if it is gone (another redrive removed it since it was listed). */
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Removes an object (removing one that is already gone is no error in S3). */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static Map<String, String> tags(S3Client s3, String bucket) {
        try {
            return s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && NO_TAGS.equals(e.awsErrorDetails().errorCode())) {
                return Map.of();
            }
            throw e;
        }
    }
}
