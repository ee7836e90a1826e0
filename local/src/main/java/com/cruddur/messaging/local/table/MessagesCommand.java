package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.Views;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.ops.Usage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code messages}: access pattern A, a conversation's messages, newest first. */
@Command(customSynopsis = {"messages --group UUID [--limit N] [--endpoint URL | --aws] [--table NAME]"},
        description = {
            """
                    Queries the conversation's message items (pk MSG#<group>), newest first, at most --limit
                    (default 20): when, who, what."""},
        footer = {"example:", "  ./dev messages --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --limit 5"})
public final class MessagesCommand extends TargetCommand {

    @Option(names = "--group", paramLabel = "UUID", required = true, converter = Usage.UuidText.class,
            description = "the conversation (message_group_uuid)")
    private String group;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "at most N messages, 1-10000 (default ${DEFAULT-VALUE})")
    private int limit;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        within("--limit", limit, 1, 10_000);
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, io.out(), io)) {
            opened.target().requireTable(opened.client());
            List<Conversations.Message> messages = new Conversations(opened.client(), opened.target().table())
                    .messages(group, limit);
            io.out().println("conversation " + group + ": " + Plural.of(messages.size(), "message")
                    + ", newest first" + (messages.size() == limit ? " (--limit " + limit + ")" : "") + ":");
            int width = messages.stream().mapToInt(m -> sender(m, io.style()).length()).max().orElse(0);
            for (Conversations.Message m : messages) {
                io.out().printf("  %s  %-" + width + "s  \"%s\"%n", Views.time(m.createdAt()), sender(m, io.style()),
                        io.style().clip(m.text(), 60));
            }
            return ExitCode.OK;
        }
    }

    private static String sender(Conversations.Message m, Style style) {
        return style.clip(m.senderName().isBlank() ? m.senderUuid() : m.senderName(), 32);
    }
}
