package com.cruddur.messaging.bench.wire;

/**
 * One request as the client saw it through the relay. Times are nanoseconds since the relay
 * started (one monotonic clock for every span of a relay).
 *
 * @param connection    the relay's id of the connection it came on (1 for the first accepted)
 * @param target        the {@code X-Amz-Target} header, for example {@code DynamoDB_20120810.Query};
 *                      empty when the request had none
 * @param startNanos    when the request's first byte arrived
 * @param endNanos      when the response's last byte was written back
 * @param upstreamNanos how long the upstream (DynamoDB Local) took, from the request's first byte
 *                      sent to the response's last byte read: its own time and queueing, which the
 *                      modelled wire replaces
 */
public record RequestSpan(long connection, String target, long startNanos, long endNanos, long upstreamNanos) {

    public RequestSpan {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("a request cannot end (" + endNanos + ") before it starts (" + startNanos + ")");
        }
        target = target == null ? "" : target;
    }

    /** The operation's name: the part of the target after its last dot ({@code Query}), or the whole target. */
    public String operation() {
        return target.substring(target.lastIndexOf('.') + 1);
    }

    /** The round trip as the client saw it. */
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
