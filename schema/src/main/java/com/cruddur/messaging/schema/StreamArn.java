package com.cruddur.messaging.schema;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DynamoDB stream's ARN, {@code arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label>},
 * parsed by the one rule every reader of stream ARNs shares: the handler's check that a record comes
 * from its table's stream, the stack's existing-table context, and the ops tools. The label is the
 * stream's creation time with milliseconds ({@code DescribeTable}'s {@code LatestStreamLabel}); the
 * table name follows DynamoDB's naming rule. The region is not held to AWS's shapes: DynamoDB Local's
 * streams live in region {@code ddblocal}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param region    the region, e.g. {@code eu-west-1}
 * @param account   the 12-digit account id
 * @param table     the table's name
 * @param label     the stream's label
 */
public record StreamArn(String partition, String region, String account, String table, String label) {

    /** DynamoDB's rule for table names (and index names): 3 to 255 of these characters. */
    public static final String TABLE_NAME_CHARS = "[a-zA-Z0-9_.-]{3,255}";

    private static final Pattern ARN = Pattern.compile("arn:(aws(?:-[a-z]+)*):dynamodb:([a-z0-9-]{1,50}):(\\d{12}):"
            + "table/(" + TABLE_NAME_CHARS + ")/stream/(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})");

    /** The ARN's parts, or empty when the text is not a DynamoDB stream ARN (null included). */
    public static Optional<StreamArn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(text);
        return m.matches() ? Optional.of(new StreamArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                : Optional.empty();
    }

    /** The table's own ARN: the stream's without its {@code /stream/<label>}. */
    public String tableArn() {
        return "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + table;
    }

    @Override
    public String toString() {
        return tableArn() + "/stream/" + label;
    }
}
