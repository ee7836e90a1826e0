package com.cruddur.messaging.stream;

import com.cruddur.messaging.schema.DeploymentContract;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a conversation's planned row changes reach the table ({@code WRITE_MODE}). Both paths send
 * the same conditional writes (a put only onto a free key or this conversation's row, a delete or
 * edit only of the row exactly as read); they differ in what a reader or a crash can see, and in
 * what DynamoDB bills: a transactional write costs twice the write units of a plain one.
 */
public enum WriteMode {

    /**
     * Each row's delete and put in the same {@code TransactWriteItems}: at every moment a row is
     * neither missing nor doubled, whatever fails. A two-person update costs 8 write units (4 item
     * writes, doubled).
     */
    TRANSACTIONAL(DeploymentContract.WriteModes.TRANSACTIONAL),

    /**
     * Conditional puts of every new row first, then conditional deletes of the old rows, each a
     * plain request: a row is never missing; it is doubled while its update is in flight and, after
     * a crash between the put and the delete, until the conversation's next delivery removes the
     * leftover (the planner removes duplicates). A two-person update costs 4 write units, as the
     * original design's unconditional deletes and puts did.
     */
    PUT_FIRST(DeploymentContract.WriteModes.PUT_FIRST);

    private final String value;

    WriteMode(String value) {
        this.value = value;
    }

    /** The configuration value, e.g. {@code put-first}. */
    public String value() {
        return value;
    }

    /**
     * The mode a configuration value names (case-insensitive).
     *
     * @throws ConfigException for any other value
     */
    public static WriteMode parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigException("WRITE_MODE must be one of "
                        + Arrays.stream(values()).map(WriteMode::value).toList() + ", got '" + value + "'"));
    }
}
