package com.cruddur.messaging.bench.wire;

/**
 * One connection the relay accepted, and so one TLS handshake the client began. Times are
 * nanoseconds since the relay started.
 *
 * @param id             the relay's id for it, the {@link RequestSpan#connection()} of its requests
 * @param acceptedNanos  when the relay accepted it
 * @param readyNanos     when its TLS handshake completed (the modelled set-up latency included),
 *                       or -1 when the handshake failed
 */
public record ConnectionSpan(long id, long acceptedNanos, long readyNanos) {

    /** Whether the client completed the TLS handshake (it fails, for one, when it does not trust the certificate). */
    public boolean handshakeCompleted() {
        return readyNanos >= 0;
    }
}
