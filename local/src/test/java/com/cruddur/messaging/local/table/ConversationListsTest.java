package com.cruddur.messaging.local.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.local.table.Conversations.Row;
import com.cruddur.messaging.ops.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationListsTest {

    private static final Style STYLE = Style.UNICODE;

    @Test
    void theListAfterMarksTheConversationThatMovedUp() {
        Row londo = new Row("g2", "u3", "Londo Mollari", "2026-11-20T10:30:00.000000+00:00", "The council meets at noon");
        Row baykoBefore = new Row("g1", "u2", "Andrew Bayko", "2026-11-20T09:00:00.000000+00:00", "See you at the meetup");
        Row baykoAfter = new Row("g1", "u2", "Andrew Bayko", "2026-11-21T12:00:00.000000+00:00", "Running late");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        ConversationLists.beforeAfter(out, "", "Andrew Brown (90b2a6d4…)", List.of(londo, baykoBefore), List.of(baykoAfter, londo),
                Set.of("g1"), STYLE);

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "Andrew Brown (90b2a6d4…) conversations, newest first:",
                "  before: 1. Londo Mollari  2026-11-20T10:30:00  \"The council meets at noon\"",
                "          2. Andrew Bayko   2026-11-20T09:00:00  \"See you at the meetup\"",
                "  after:  1. Andrew Bayko   2026-11-21T12:00:00  \"Running late\"   ← moved up",
                "          2. Londo Mollari  2026-11-20T10:30:00  \"The council meets at noon\"");
    }

    @Test
    void aConversationAlreadyOnTopIsMarkedWithItsNewLastMessage() {
        Row before = new Row("g1", "u1", "Andrew Brown", "2026-11-20T09:00:00.000000+00:00", "See you");
        Row after = new Row("g1", "u1", "Andrew Brown", "2026-11-21T12:00:00.000000+00:00", "Late");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConversationLists.beforeAfter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "", "x", List.of(before), List.of(after),
                Set.of("g1"), STYLE);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"Late\"   ← new last message");
    }
}
