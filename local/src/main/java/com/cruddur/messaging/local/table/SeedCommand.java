package com.cruddur.messaging.local;

import java.nio.file.Path;
import java.util.List;

/** {@code seed}: loads the sample conversation (or a file of items) into the table. */
final class SeedCommand implements Command {

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "load the sample conversation (or FILE) into the table";
    }

    @Override
    public String synopsis() {
        return "seed [--endpoint URL] [--table NAME] [FILE]";
    }

    @Override
    public String details() {
        return """
                Loads items into the table, creating the table first if it is missing: by default the sample
                conversations of events/seed/conversations.json (Andrew Brown, Andrew Bayko and Londo Mollari,
                three conversations), or FILE, a JSON array of items in DynamoDB JSON. Items with the same key
                are overwritten; nothing else is touched. Shows progress for large files. Refused with --aws.

                example:
                  ./dev seed --endpoint http://localhost:8000""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, Target.OPTIONS);
        if (args.positional().size() > 1) {
            throw new UsageException("unexpected argument '" + args.positional().get(1) + "'");
        }
        Target.Spec spec = Target.Spec.from(args).refuseAws(name(), "it never writes sample data to the real table");
        SeedData seed = args.positional().isEmpty() ? SeedData.sample() : SeedData.fromFile(Path.of(args.positional().getFirst()));
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.EMPTY, io.out(), io)) {
            String table = opened.target().table();
            boolean created = opened.target().ensureTable(opened.client());
            seed.load(opened.client(), table, io.err());
            io.out().println("seeded " + Views.plural(seed.items().size(), "item") + " into " + table
                    + (created ? " (created the table)" : "") + " from " + seed.source());
            return ExitCode.OK;
        }
    }
}
