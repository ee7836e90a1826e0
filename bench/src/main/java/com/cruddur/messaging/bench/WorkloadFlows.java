package com.cruddur.messaging.bench;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay's flow classifier for the benchmark's workloads: a DynamoDB request's conversation,
 * read from its body. Every request the handler sends for a conversation names it: its group uuid
 * (the query's key, a put's item, a transaction's items) or one of its rows' keys (a delete), and
 * the workloads' ids carry the conversation's number ({@code Workload.groupUuid},
 * {@code Workload.userUuid}). Priming's requests name none: empty.
 */
final class WorkloadFlows {

    private static final Pattern GROUP = Pattern.compile("00000000-0000-4000-8000-(\\d{12})");
    private static final Pattern USER = Pattern.compile("00000000-0000-4000-9000-(\\d{6})\\d{6}");

    private WorkloadFlows() {
    }

    /** The conversation's number as text, or empty. */
    static String conversationOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher group = GROUP.matcher(text);
        if (group.find()) {
            return Integer.toString(Integer.parseInt(group.group(1)));
        }
        Matcher user = USER.matcher(text);
        return user.find() ? Integer.toString(Integer.parseInt(user.group(1))) : "";
    }
}
