package com.cruddur.messaging.local;

import com.cruddur.messaging.ops.Plural;
import java.util.Map;
import java.util.stream.Collectors;

/** The developer CLI's small views: the sort keys people read, requests by operation. */
public final class Views {

    private Views() {
    }

    /** "2026-11-21T12:00:00" out of "2026-11-21T12:00:00.000000+00:00": the sort keys people read. */
    public static String time(String sortKey) {
        if (sortKey != null && sortKey.length() >= 19 && sortKey.charAt(10) == 'T') {
            return sortKey.substring(0, 19);
        }
        return sortKey == null ? "" : sortKey;
    }

    /** Requests by operation: "Query 1, TransactWriteItems 1 (2 requests)". */
    public static String requests(Map<String, Integer> byOperation) {
        if (byOperation.isEmpty()) {
            return "none";
        }
        int total = byOperation.values().stream().mapToInt(Integer::intValue).sum();
        return byOperation.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + Plural.of(total, "request") + ")";
    }
}
