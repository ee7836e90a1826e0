package com.cruddur.messaging.local;

import java.util.List;
import java.util.Set;

/** {@code messages}: access pattern A, a conversation's messages, newest first. */
final class MessagesCommand implements Command {

    static final int DEFAULT_LIMIT = 20;

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public String summary() {
        return "a conversation's messages, newest first (access pattern A)";
    }

    @Override
    public String synopsis() {
        return "messages --group UUID [--limit N] [--endpoint URL | --aws] [--table NAME]";
    }

    @Override
    public String details() {
        return """
                Queries the conversation's message items (pk MSG#<group>), newest first, at most --limit
                (default 20): when, who, what.

                example:
                  ./dev messages --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --limit 5""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, ReplayCommand.union(Target.OPTIONS, Set.of("--group", "--limit")));
        args.noPositional();
        String group = ConversationsCommand.uuid(args, "--group");
        int limit = args.integer("--limit", DEFAULT_LIMIT, 1, 10_000);
        Target.Spec spec = Target.Spec.from(args);
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.SAMPLE, io.out(), io)) {
            opened.target().requireTable(opened.client());
            List<Conversations.Message> messages = new Conversations(opened.client(), opened.target().table())
                    .messages(group, limit);
            io.out().println("conversation " + group + ": " + Views.plural(messages.size(), "message")
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
