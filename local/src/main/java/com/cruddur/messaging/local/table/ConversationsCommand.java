package com.cruddur.messaging.local;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code conversations}: access pattern B, a user's conversation list, newest first. */
final class ConversationsCommand implements Command {

    @Override
    public String name() {
        return "conversations";
    }

    @Override
    public String summary() {
        return "a user's conversation list, newest first (access pattern B)";
    }

    @Override
    public String synopsis() {
        return "conversations --user UUID [--endpoint URL | --aws] [--table NAME]";
    }

    @Override
    public String details() {
        return """
                Queries the user's conversation-list rows (pk GRP#<user>, newest sort key first): the other
                participant, when the last message was sent, the last message, the conversation's UUID.

                example:
                  ./dev conversations --user 90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, ReplayCommand.union(Target.OPTIONS, Set.of("--user")));
        args.noPositional();
        String user = uuid(args, "--user");
        Target.Spec spec = Target.Spec.from(args);
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.SAMPLE, io.out(), io)) {
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

    /** A required UUID option. */
    static String uuid(Args args, String option) {
        String value = args.required(option);
        try {
            UUID.fromString(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException("option " + option + " needs a UUID, got '" + value + "'");
        }
    }
}
