package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.Views;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.ops.Usage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code conversations}: access pattern B, a user's conversation list, newest first. */
@Command(customSynopsis = {"conversations --user UUID [--endpoint URL | --aws] [--table NAME]"},
        description = {
            """
                    Queries the user's conversation-list rows (pk GRP#<user>, newest sort key first): the other
                    participant, when the last message was sent, the last message, the conversation's UUID."""},
        footer = {"example:", "  ./dev conversations --user 90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11"})
public final class ConversationsCommand extends TargetCommand {

    @Option(names = "--user", paramLabel = "UUID", required = true, converter = Usage.UuidText.class,
            description = "the user (user_uuid)")
    private String user;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, io.out(), io)) {
            opened.target().requireTable(opened.client());
            Conversations conversations = new Conversations(opened.client(), opened.target().table());
            List<Conversations.Row> rows = conversations.listOf(user);
            String name = conversations.nameOf(user, rows);
            io.out().println((name == null ? "" : io.style().clip(name, 32) + " ") + "(" + user + ") conversations, newest first:");
            if (rows.isEmpty()) {
                io.out().println("  (no conversations)");
            }
            int width = rows.stream().mapToInt(r -> label(r, io.style()).length()).max().orElse(0);
            for (int i = 0; i < rows.size(); i++) {
                Conversations.Row row = rows.get(i);
                io.out().printf("  %d. %-" + width + "s  %s  \"%s\"  %s %s%n", i + 1, label(row, io.style()), Views.time(row.lastAt()),
                        io.style().clip(row.message(), 48), io.style().dot(), row.groupUuid());
            }
            return ExitCode.OK;
        }
    }

    private static String label(Conversations.Row row, Style style) {
        return style.clip(row.otherName().isBlank() ? row.otherUuid() : row.otherName(), 32);
    }
}
