package com.cruddur.messaging.local.table;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.RefusedException;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drop}: deletes the table, only with {@code --yes} and never on AWS. */
@Command(customSynopsis = {"drop --yes [--endpoint URL] [--table NAME]"},
        description = {
            """
                    Deletes the table and everything in it. Refuses (exit 3) without --yes, and always with --aws.
                    A missing table is not an error: there is nothing to drop."""},
        footer = {"example:", "  ./dev drop --endpoint http://localhost:8000 --yes"})
public final class DropCommand extends TargetCommand {

    @Option(names = "--yes", description = "yes, delete the table and everything in it")
    private boolean yes;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        if (!yes) {
            throw new RefusedException("refusing to delete table " + spec.table() + " without --yes");
        }
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, io.out(), io)) {
            String table = opened.target().table();
            if (!TableDefinitions.tableExists(opened.client(), table)) {
                io.out().println("no table " + table + "; nothing to drop");
                return ExitCode.OK;
            }
            opened.client().deleteTable(b -> b.tableName(table));
            opened.client().waiter().waitUntilTableNotExists(b -> b.tableName(table));
            io.out().println("dropped table " + table);
            return ExitCode.OK;
        }
    }
}
