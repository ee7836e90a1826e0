package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.schema.DeploymentContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The failure destination's queue, as redrive uses it: receive a few messages at a time (hidden
 * from other readers while they are worked on), delete one once its records are applied, and make
 * the others visible again at once when done.
 */
final class FailureQueue {

    /** How long a received message stays hidden from other readers while redrive works on it. */
    static final int VISIBILITY_SECONDS = 300;

    /**
     * A failure message.
     *
     * @param id            the message id (SQS's), or the position in a file
     * @param body          the body: Lambda's failure record
     * @param receiptHandle what deletes it; null for a message read from a file
     * @param sent          when it was sent, if known
     */
    record Message(String id, String body, String receiptHandle, Instant sent) {
    }

    private final SqsClient sqs;
    private final String url;

    FailureQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    String url() {
        return url;
    }

    /** Messages visible now (SQS's approximate count). */
    int approximateVisible() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
    }

    /** Up to {@code max} (at most 10) messages, hidden from other readers for {@link #VISIBILITY_SECONDS}. */
    List<Message> receive(int max) {
        ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(url)
                .maxNumberOfMessages(Math.min(10, max))
                .visibilityTimeout(VISIBILITY_SECONDS)
                // A short long-poll: SQS samples servers on a short poll and may answer empty while
                // messages wait ("Amazon SQS short and long polling").
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP));
        List<Message> messages = new ArrayList<>();
        for (software.amazon.awssdk.services.sqs.model.Message m : response.messages()) {
            String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            messages.add(new Message(m.messageId(), m.body(), m.receiptHandle(),
                    sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent))));
        }
        return messages;
    }

    void delete(Message message) {
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    /** Visible again at once, for the next run or another reader. */
    void release(Message message) {
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    /**
     * The stack's failure queue, found with SQS alone: among the queues whose name begins with the
     * stack's name (CloudFormation names a queue after its stack and logical id), the one that
     * CloudFormation tagged with the stack's name and the queue's logical id (it tags every resource
     * with {@code aws:cloudformation:stack-name} and {@code aws:cloudformation:logical-id}: "Resource
     * tag", CloudFormation template reference).
     *
     * @return the queue's URL, or null when no queue fits
     * @throws IllegalStateException when more than one does
     */
    static String findStackQueue(SqsClient sqs, String stackName) {
        List<String> found = new ArrayList<>();
        for (String candidate : sqs.listQueuesPaginator(b -> b.queueNamePrefix(stackName)).queueUrls()) {
            Map<String, String> tags = sqs.listQueueTags(b -> b.queueUrl(candidate)).tags();
            String logicalId = tags.getOrDefault("aws:cloudformation:logical-id", "");
            if (stackName.equals(tags.get("aws:cloudformation:stack-name"))
                    && logicalId.startsWith(DeploymentContract.Stack.FAILURE_QUEUE_LOGICAL_ID_PREFIX)) {
                found.add(candidate);
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("several queues are tagged as stack " + stackName + "'s failure queue: " + found);
        }
        return found.isEmpty() ? null : found.getFirst();
    }
}
