package com.cruddur.messaging.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The single definition of the {@code cruddur-messages} table.
 *
 * <p>The CDK app builds the production table from these values, the local CLI and the tests
 * create DynamoDB Local tables from them, and the stream handler reads items with them. Changing
 * the schema means changing this class, nowhere else.
 *
 * <p>Item shapes:
 * <ul>
 *   <li>message: {@code pk = MSG#<message_group_uuid>}, {@code sk = created_at} (ISO-8601),
 *       {@code message_uuid}, {@code message}, and the sender's {@code user_uuid},
 *       {@code user_display_name}, {@code user_handle};</li>
 *   <li>message group (one per participant): {@code pk = GRP#<owner user_uuid>},
 *       {@code sk = last_message_at}, {@code message_group_uuid}, {@code message} (the last
 *       message), and the <em>other</em> participant's {@code user_uuid},
 *       {@code user_display_name}, {@code user_handle}, possibly with more attributes.</li>
 * </ul>
 */
public final class MessagesTable {

    /** Default table name; deployments may override it. */
    public static final String DEFAULT_TABLE_NAME = "cruddur-messages";

    /**
     * The app's sort-key timestamps, as Cruddur writes {@code created_at}: ISO-8601 with microseconds
     * and an explicit UTC offset, {@code 2026-11-21T12:00:00.000000+00:00}. Keys compare as strings,
     * so every writer of keys (the CLI's {@code send}, the synthetic workloads, the tests) uses this
     * one format; the handler accepts any ISO-8601 timestamp and keeps the format it finds.
     */
    public static final DateTimeFormatter SORT_KEY_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    /** Partition key attribute (string). */
    public static final String PK = "pk";
    /** Sort key attribute (string): an ISO-8601 timestamp. */
    public static final String SK = "sk";

    /** The index that finds every row of a conversation. */
    public static final String GROUP_INDEX_NAME = "message-group-sk-index";
    /** Partition key of {@link #GROUP_INDEX_NAME} (string). */
    public static final String GROUP_INDEX_PK = "message_group_uuid";
    /** Sort key of {@link #GROUP_INDEX_NAME} (string); the table's sort key. */
    public static final String GROUP_INDEX_SK = SK;

    /** Stream view type the handler needs: the new image carries the message text. */
    public static final String STREAM_VIEW_TYPE = "NEW_IMAGE";

    /** Key prefix of message items. */
    public static final String MESSAGE_PREFIX = "MSG#";
    /** Key prefix of message-group (conversation list) items. */
    public static final String GROUP_PREFIX = "GRP#";

    public static final String ATTR_MESSAGE = "message";
    public static final String ATTR_MESSAGE_UUID = "message_uuid";
    public static final String ATTR_MESSAGE_GROUP_UUID = GROUP_INDEX_PK;
    public static final String ATTR_USER_UUID = "user_uuid";
    public static final String ATTR_USER_DISPLAY_NAME = "user_display_name";
    public static final String ATTR_USER_HANDLE = "user_handle";

    /**
     * Stream event names that carry a new or edited message; the event source filter
     * ({@link DeploymentContract#EVENT_FILTER_PATTERN}) passes only these.
     */
    public static final List<String> MESSAGE_EVENT_NAMES = List.of("INSERT", "MODIFY");

    private MessagesTable() {
    }

    /** Key of the message items of a conversation. */
    public static String messagePk(String messageGroupUuid) {
        return MESSAGE_PREFIX + messageGroupUuid;
    }

    /** The sort key of a message created at {@code instant}, in {@link #SORT_KEY_FORMAT}. */
    public static String sortKey(Instant instant) {
        return SORT_KEY_FORMAT.format(instant);
    }

    /** Key of a user's conversation-list rows. */
    public static String groupPk(String ownerUserUuid) {
        return GROUP_PREFIX + ownerUserUuid;
    }
}
