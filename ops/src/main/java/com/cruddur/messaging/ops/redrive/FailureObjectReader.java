package com.cruddur.messaging.ops.redrive;

import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.S3Errors;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.failures.FailureBucket;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where {@code redrive}'s failure objects come from: a bucket (the stack's, found by the tags
 * CloudFormation puts on it, or one named), or one object saved to a file as Lambda wrote it. It
 * reads and removes; S3's failures become exit status 5 ({@link S3Errors}), an unusable file exit
 * status 2.
 */
final class FailureObjectReader {

    /**
     * One object of the bucket as read: the object, or why it cannot be used, or that it is gone.
     *
     * @param entry    the object as listed
     * @param object   the failure object, or null
     * @param unusable why it is not a usable failure object, or null
     */
    record Read(FailureBucket.Entry entry, FailureObject object, String unusable) {

        boolean gone() {
            return object == null && unusable == null;
        }
    }

    private final FailureBucket bucket;
    private final String label;

    FailureObjectReader(FailureBucket bucket) {
        this.bucket = bucket;
        this.label = "bucket " + bucket.name();
    }

    /** The bucket's failure objects, oldest first, stored since {@code since} if given. */
    List<FailureBucket.Entry> list(Optional<Instant> since) {
        return S3Errors.call(label, () -> bucket.list(since));
    }

    /** One listed object, read and parsed. */
    Read read(FailureBucket.Entry entry) {
        Optional<byte[]> content = S3Errors.call(label, () -> bucket.read(entry.key()));
        if (content.isEmpty()) {
            return new Read(entry, null, null);
        }
        try {
            return new Read(entry, FailureObject.parse(entry.key(), content.get()), null);
        } catch (FailureObject.Malformed e) {
            return new Read(entry, null, e.reason());
        }
    }

    /** Removes an object whose records all went in. */
    void remove(FailureBucket.Entry entry) {
        S3Errors.run(label, () -> bucket.delete(entry.key()));
    }

    /**
     * The stack's failure bucket, found with S3 alone ({@link FailureBucket#findStackBucket}).
     *
     * @throws CliException (exit 5) when none or several fit, naming the stack output to give instead
     */
    static String stackBucket(Target target) {
        S3Client s3 = target.s3(null);
        String stack = DeploymentContract.Stack.NAME;
        Optional<String> found;
        try {
            found = S3Errors.call("finding the stack " + stack + "'s failure bucket", () -> FailureBucket.findStackBucket(s3, stack));
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.FAILURE_DESTINATION_ERROR, e.getMessage() + "; give --bucket NAME");
        }
        String output = DeploymentContract.Stack.FAILURE_BUCKET_NAME_OUTPUT;
        return found.orElseThrow(() -> new CliException(ExitCode.FAILURE_DESTINATION_ERROR, "no failure bucket of"
                + " the stack " + stack + " found in " + s3.serviceClientConfiguration().region() + "; give --bucket NAME,"
                + " the stack's output " + output + ": aws cloudformation describe-stacks --stack-name " + stack
                + " --query \"Stacks[0].Outputs[?OutputKey=='" + output + "'].OutputValue\" --output text"));
    }

    /** "standard input" for {@code -}, else the file's name as given. */
    static String source(String name) {
        return name.equals("-") ? "standard input" : name;
    }

    /** @throws InputException (exit 2) naming the file and why it is not a usable failure object */
    static FailureObject fromFile(String name) {
        byte[] content;
        if (name.equals("-")) {
            try {
                content = System.in.readAllBytes();
            } catch (IOException e) {
                throw new InputException("standard input: cannot read (" + e.getMessage() + ")");
            }
        } else {
            content = InputException.read(Path.of(name));
        }
        return fromContent(source(name), content);
    }

    /** @throws InputException (exit 2) naming {@code source} and why its content is not a usable failure object */
    static FailureObject fromContent(String source, byte[] content) {
        try {
            return FailureObject.parse(source, content);
        } catch (FailureObject.Malformed e) {
            throw new InputException(e.getMessage() + (e.reason().startsWith("no " + FailureObjects.PAYLOAD)
                    ? "" : " (expected a failure object as Lambda writes it to an S3 destination)"));
        }
    }
}
