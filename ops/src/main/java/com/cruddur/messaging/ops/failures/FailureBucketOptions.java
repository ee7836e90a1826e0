package com.cruddur.messaging.ops.failures;

import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Usage;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the failure bucket is, the same for redrive and doctor: with {@code --aws} the stack's
 * bucket in S3 (or {@code --bucket}); with {@code --endpoint}, {@code --bucket} at the S3-compatible
 * server {@code --s3-endpoint} (watch prints both).
 */
public final class FailureBucketOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--bucket", paramLabel = "NAME", converter = Usage.BucketName.class,
            description = "the failure bucket (default with --aws: the stack CruddurMessaging's, found by its tags)")
    private String bucket;

    @Option(names = "--s3-endpoint", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "with --endpoint: the S3-compatible server that holds --bucket (watch prints both)")
    private URI s3Endpoint;

    /** {@code --bucket}, if given. */
    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    /** {@code --s3-endpoint}, or null: S3 itself. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** Whether either option was given. */
    public boolean given() {
        return bucket != null || s3Endpoint != null;
    }

    /** Whether both were given: a local bucket fully named. */
    public boolean local() {
        return bucket != null && s3Endpoint != null;
    }

    /** {@code " at <s3-endpoint>"}, or nothing for S3 itself: for the header lines. */
    public String at() {
        return s3Endpoint == null ? "" : " at " + s3Endpoint;
    }

    /**
     * Refuses {@code --s3-endpoint} with {@code --aws}: the bucket is in S3 then.
     *
     * @throws ParameterException a usage error of the command
     */
    public void check(Target.Kind kind) {
        if (kind == Target.Kind.AWS && s3Endpoint != null) {
            throw new ParameterException(command.commandLine(),
                    "--s3-endpoint is for a local S3-compatible server; with --aws the bucket is in S3");
        }
    }
}
