package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.schema.MessagesTable;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * A fault at the SDK's seam of the handler's DynamoDB client (as the lambda tests' FaultInjector):
 * every request for the given conversations (the index query that finds their rows, a transaction
 * that writes them) is refused with AccessDeniedException before it leaves, as if someone had
 * changed the function's role. DynamoDB itself is not imitated; the other conversations are
 * untouched. {@code watch --fail-conversation} uses it to show the failure path.
 */
public final class ConversationFault implements ExecutionInterceptor {

    private final Set<String> conversations;

    public ConversationFault(Collection<String> conversations) {
        this.conversations = Set.copyOf(conversations);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (touches(context.request())) {
            throw (DynamoDbException) DynamoDbException.builder()
                    .statusCode(400)
                    .message("injected by --fail-conversation")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                            .errorMessage("injected by --fail-conversation").serviceName("DynamoDb").build())
                    .build();
        }
    }

    private boolean touches(SdkRequest request) {
        return switch (request) {
            case QueryRequest query -> query.hasExpressionAttributeValues() && names(query.expressionAttributeValues());
            case TransactWriteItemsRequest transaction -> transaction.transactItems().stream().anyMatch(this::touches);
            default -> false;
        };
    }

    private boolean touches(TransactWriteItem action) {
        return action.put() != null && names(Map.of("g",
                action.put().item().getOrDefault(MessagesTable.ATTR_MESSAGE_GROUP_UUID, AttributeValue.fromS(""))));
    }

    private boolean names(Map<String, AttributeValue> values) {
        return values.values().stream().anyMatch(v -> v.s() != null && conversations.contains(v.s()));
    }
}
