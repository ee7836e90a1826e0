package com.cruddur.messaging.devkit;

import com.cruddur.messaging.schema.MessagesTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records the IAM authorizations a client's DynamoDB requests need, so that tests elsewhere can
 * evaluate them against the deployed policies. One per request; a transaction needs one per item
 * action, because IAM authorizes {@code TransactWriteItems} item by item as {@code PutItem},
 * {@code UpdateItem}, {@code DeleteItem} or {@code ConditionCheckItem} with
 * {@code dynamodb:EnclosingOperation} set ("Using IAM with DynamoDB transactions"). Each names the
 * table, the index if any, and the partition key values touched: what {@code dynamodb:LeadingKeys}
 * is evaluated on. Recorded once each, whatever the number of requests or retries.
 *
 * <p>Keys are read with the schema of {@link MessagesTable}: {@code pk} on the table,
 * {@code message_group_uuid} on the group index.
 */
public final class RequestRecorder implements ExecutionInterceptor {

    /**
     * One authorization: an IAM action on a table (or its index) for some partition keys, and the
     * handler's write path ({@code WRITE_MODE}) it was sent on, or null when none was set.
     */
    public record Authorization(String action, String table, String index, List<String> partitionKeys,
                                String enclosingOperation, String writeMode) {

        public Authorization {
            partitionKeys = List.copyOf(partitionKeys);
        }

        Authorization withWriteMode(String value) {
            return new Authorization(action, table, index, partitionKeys, enclosingOperation, value);
        }

        /** One JSON object on one line, keys in a fixed order; absent values are null. */
        public String toJson() {
            StringBuilder keys = new StringBuilder("[");
            for (String key : partitionKeys) {
                keys.append(keys.length() > 1 ? "," : "").append(DynamoJson.quote(key));
            }
            return "{\"action\":" + DynamoJson.quote(action)
                    + ",\"table\":" + nullable(table)
                    + ",\"index\":" + nullable(index)
                    + ",\"partitionKeys\":" + keys.append(']')
                    + ",\"enclosingOperation\":" + nullable(enclosingOperation)
                    + ",\"writeMode\":" + nullable(writeMode) + "}";
        }

        private static String nullable(String s) {
            return s == null ? "null" : DynamoJson.quote(s);
        }
    }

    private static final Pattern EQUALITY = Pattern.compile("\\s*(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)\\s*");

    // JSON lines, sorted: the file comes out the same for the same requests.
    private final Set<String> recorded = new ConcurrentSkipListSet<>();
    private volatile String writeMode;

    /**
     * The handler's write path the requests from now on are sent on: the policies allow different
     * requests on each, so each is evaluated against the stack deployed for its own.
     */
    public void writeMode(String value) {
        writeMode = value;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Authorization authorization : authorizations(operation, context.request())) {
            recorded.add(authorization.withWriteMode(writeMode).toJson());
        }
    }

    /** Every distinct authorization recorded so far, as JSON lines in sorted order. */
    public List<String> jsonLines() {
        return new ArrayList<>(recorded);
    }

    /** Writes {@link #jsonLines()} to a file, replacing it whole (never a half-written file). */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, jsonLines());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recorded requests to " + file, e);
        }
    }

    /** The authorizations one request needs. */
    static List<Authorization> authorizations(String operation, SdkRequest request) {
        return switch (request) {
            case QueryRequest q -> List.of(new Authorization("dynamodb:Query", q.tableName(), q.indexName(),
                    queriedPartitionKeys(q), null, null));
            case GetItemRequest g -> List.of(item("GetItem", g.tableName(), g.key(), null));
            case PutItemRequest p -> List.of(item("PutItem", p.tableName(), p.item(), null));
            case UpdateItemRequest u -> List.of(item("UpdateItem", u.tableName(), u.key(), null));
            case DeleteItemRequest d -> List.of(item("DeleteItem", d.tableName(), d.key(), null));
            case TransactWriteItemsRequest t -> t.transactItems().stream().map(RequestRecorder::transactItem).toList();
            case TransactGetItemsRequest t -> t.transactItems().stream()
                    .map(i -> item("GetItem", i.get().tableName(), i.get().key(), "TransactGetItems"))
                    .toList();
            // Anything else (the handler sends nothing else): the operation on its table, no keys.
            default -> List.of(new Authorization("dynamodb:" + operation,
                    request.getValueForField("TableName", String.class).orElse(null), null, List.of(), null, null));
        };
    }

    private static Authorization transactItem(TransactWriteItem item) {
        String enclosing = "TransactWriteItems";
        if (item.put() != null) {
            return item("PutItem", item.put().tableName(), item.put().item(), enclosing);
        } else if (item.update() != null) {
            return item("UpdateItem", item.update().tableName(), item.update().key(), enclosing);
        } else if (item.delete() != null) {
            return item("DeleteItem", item.delete().tableName(), item.delete().key(), enclosing);
        }
        return item("ConditionCheckItem", item.conditionCheck().tableName(), item.conditionCheck().key(), enclosing);
    }

    private static Authorization item(String action, String table, Map<String, AttributeValue> keyOrItem,
                                      String enclosingOperation) {
        AttributeValue pk = keyOrItem == null ? null : keyOrItem.get(MessagesTable.PK);
        return new Authorization("dynamodb:" + action, table, null, pk == null ? List.of() : List.of(text(pk)),
                enclosingOperation, null);
    }

    /** The partition key value a query's key condition names: {@code #g = :g} on the table's or the index's key. */
    private static List<String> queriedPartitionKeys(QueryRequest query) {
        String partitionKey = query.indexName() == null ? MessagesTable.PK
                : MessagesTable.GROUP_INDEX_NAME.equals(query.indexName()) ? MessagesTable.GROUP_INDEX_PK : null;
        if (partitionKey == null || query.keyConditionExpression() == null) {
            return List.of();
        }
        for (String part : query.keyConditionExpression().split("(?i)\\s+AND\\s+")) {
            Matcher equality = EQUALITY.matcher(part);
            if (equality.matches()) {
                String name = equality.group(1).startsWith("#")
                        ? query.expressionAttributeNames().get(equality.group(1)) : equality.group(1);
                AttributeValue value = query.expressionAttributeValues().get(equality.group(2));
                if (partitionKey.equals(name) && value != null) {
                    return List.of(text(value));
                }
            }
        }
        return List.of();
    }

    private static String text(AttributeValue value) {
        return value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value.b());
    }
}
