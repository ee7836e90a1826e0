package com.cruddur.messaging.ops;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Requests to the failure destination's bucket, whose failures become one line and
 * {@link ExitCode#FAILURE_DESTINATION_ERROR}: without this, {@link Program} would report an
 * S3 error as DynamoDB's, and send the reader to the wrong permissions.
 */
public final class S3Errors {

    private S3Errors() {
    }

    /**
     * Runs S3 requests.
     *
     * @param what what they concern, for the message: "bucket NAME"
     * @throws CliException (exit 5) with S3's error code and message, or why it was unreachable
     */
    public static <T> T call(String what, Supplier<T> requests) {
        try {
            return requests.get();
        } catch (AwsServiceException e) {
            throw new CliException(ExitCode.FAILURE_DESTINATION_ERROR, what + ": S3 rejected a request: "
                    + AwsErrors.describe(e));
        } catch (SdkClientException e) {
            throw new CliException(ExitCode.FAILURE_DESTINATION_ERROR, what + ": cannot reach S3 ("
                    + Style.firstLine(e.getMessage()) + ")");
        }
    }

    /** As {@link #call(String, Supplier)}, for requests without a result. */
    public static void run(String what, Runnable requests) {
        call(what, () -> {
            requests.run();
            return null;
        });
    }
}
