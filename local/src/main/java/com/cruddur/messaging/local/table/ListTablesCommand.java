package com.cruddur.messaging.local.table;

import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetOptions;
import com.cruddur.messaging.ops.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list-tables}: the tables of the target, one per line. */
@Command(name = ListTablesCommand.NAME,
        customSynopsis = {"list-tables [--endpoint URL] [--table NAME]"},
        description = {ListTablesCommand.SUMMARY, "",
            """
                    Prints the names of the tables, one per line, on standard output (what the target is goes to
                    standard error, last). Not with --aws: use the AWS console or CLI for real accounts."""},
        footer = {"example:", "  ./dev list-tables --endpoint http://localhost:8000"})
public final class ListTablesCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "list-tables";
    public static final String SUMMARY = "list the tables, one per line";
    /** Why it refuses {@code --aws} (its entry in the command list says so). */
    public static final String NOT_ON_AWS = "it only lists DynamoDB Local's tables";

    @Mixin
    private TargetOptions where;

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, null, io)) {
            opened.client().listTablesPaginator().tableNames().forEach(io.out()::println);
            // Last, so that a failure before it is reported in one line.
            io.err().println(opened.header());
            return ExitCode.OK;
        }
    }
}
