package com.cruddur.messaging.ops;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A service's rejection in one line: its error code and message, as the service sent them. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** "NoSuchBucket: The specified bucket does not exist". */
    public static String describe(AwsServiceException rejected) {
        var details = rejected.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null || details.errorMessage() == null ? rejected.getMessage() : details.errorMessage();
        return (code == null ? "" : code + ": ") + Style.firstLine(message);
    }
}
