package com.cruddur.messaging.stream;

/**
 * What happened to one conversation in one invocation.
 *
 * @param message           the newest message of the conversation in the batch
 * @param recreated         rows moved to the message's sort key
 * @param edited            rows whose message was updated in place
 * @param duplicatesRemoved duplicate rows deleted
 * @param staleRows         rows already newer than the message, left alone
 * @param attempts          read-plan-write attempts made
 * @param failure           why the conversation could not be updated, or null when it was
 */
public record GroupOutcome(
        NewMessage message,
        int recreated,
        int edited,
        int duplicatesRemoved,
        int staleRows,
        int attempts,
        String failure) {

    public boolean failed() {
        return failure != null;
    }

    /** Whether any row was written. */
    public boolean updated() {
        return recreated + edited + duplicatesRemoved > 0;
    }
}
