package com.cruddur.messaging.local.table;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import picocli.CommandLine.Command;

/** {@code list-tables}: the tables of the target, one per line. */
@Command(customSynopsis = {"list-tables [--endpoint URL] [--table NAME]"},
        description = {
            """
                    Prints the names of the tables, one per line, on standard output (what the target is goes to
                    standard error, last). Not with --aws: use the AWS console or CLI for real accounts."""},
        footer = {"example:", "  ./dev list-tables --endpoint http://localhost:8000"})
public final class ListTablesCommand extends TargetCommand {

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, null, io)) {
            opened.client().listTablesPaginator().tableNames().forEach(io.out()::println);
            // Last, so that a failure before it is reported in one line.
            io.err().println(opened.header());
            return ExitCode.OK;
        }
    }
}
