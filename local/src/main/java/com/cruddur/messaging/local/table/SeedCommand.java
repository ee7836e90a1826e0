package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.local.SeedData;
import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetOptions;
import com.cruddur.messaging.ops.Targets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code seed}: loads the sample conversation (or a file of items) into the table. */
@Command(name = SeedCommand.NAME,
        customSynopsis = {"seed [--endpoint URL] [--table NAME] [FILE]"},
        description = {SeedCommand.SUMMARY, "",
            """
                    Loads items into the table, creating the table first if it is missing: by default the sample
                    conversations of events/seed/conversations.json (Andrew Brown, Andrew Bayko and Londo Mollari,
                    three conversations), or FILE, a JSON array of items in DynamoDB JSON. Items with the same key
                    are overwritten; nothing else is touched. Shows progress for large files. Refused with --aws."""},
        footer = {"example:", "  ./dev seed --endpoint http://localhost:8000"})
public final class SeedCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "seed";
    public static final String SUMMARY = "load the sample conversation (or FILE) into the table";
    /** Why it refuses {@code --aws} (its entry in the command list says so). */
    public static final String NOT_ON_AWS = "it never writes sample data to the real table";

    @Mixin
    private TargetOptions where;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "items to load instead of the sample conversation")
    private Path file;

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
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
