package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.local.SeedData;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seed}: loads the sample conversation (or a file of items) into the table. */
@Command(customSynopsis = {"seed [--endpoint URL] [--table NAME] [FILE]"},
        description = {
            """
                    Loads items into the table, creating the table first if it is missing: by default the sample
                    conversations of events/seed/conversations.json (Andrew Brown, Andrew Bayko and Londo Mollari,
                    three conversations), or FILE, a JSON array of items in DynamoDB JSON. Items with the same key
                    are overwritten; nothing else is touched. Shows progress for large files. Refused with --aws."""},
        footer = {"example:", "  ./dev seed --endpoint http://localhost:8000"})
public final class SeedCommand extends TargetCommand {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "items to load instead of the sample conversation")
    private Path file;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        SeedData seed = file == null ? SeedData.sample() : SeedData.fromFile(file);
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.EMPTY, io.out(), io)) {
            String table = opened.target().table();
            boolean created = EmbeddedTargets.ensureTable(opened.target(), opened.client());
            seed.load(opened.client(), table, io.err());
            io.out().println("seeded " + Plural.of(seed.items().size(), "item") + " into " + table
                    + (created ? " (created the table)" : "") + " from " + seed.source());
            return ExitCode.OK;
        }
    }
}
