package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.FailureObjects;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The local mapping's S3 on-failure destination: each batch it gives up on becomes one object, under
 * the key and in the JSON Lambda uses ({@link FailureObjects}, {@link FailureObject#toJson}).
 *
 * @param mappingUuid the mapping's UUID, the key's {@code <ESM-UUID>}: a real mapping keeps one for
 *                    its life, {@code watch} draws one per run
 */
public record BucketDestination(S3Client s3, String bucket, String mappingUuid) implements MappingDelivery.OnFailure {

    /** @return the object's key */
    @Override
    public String send(FailureObject failure) {
        String key = FailureObjects.key(mappingUuid, failure.shardId(), failure.timestamp(), UUID.randomUUID());
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromString(failure.toJson(), StandardCharsets.UTF_8));
        return key;
    }

    /** Creates the bucket if it is missing; whether it did. */
    static boolean ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return false;
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
            return true;
        }
    }
}
