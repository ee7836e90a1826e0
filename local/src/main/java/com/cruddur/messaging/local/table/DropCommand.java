package com.cruddur.messaging.local.table;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.RefusedException;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetOptions;
import com.cruddur.messaging.ops.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drop}: deletes the table, only with {@code --yes} and never on AWS. */
@Command(name = DropCommand.NAME,
        customSynopsis = {"drop --yes [--endpoint URL] [--table NAME]"},
        description = {DropCommand.SUMMARY, "",
            """
                    Deletes the table and everything in it. Refuses (exit 3) without --yes, and always with --aws.
                    A missing table is not an error: there is nothing to drop."""},
        footer = {"example:", "  ./dev drop --endpoint http://localhost:8000 --yes"})
public final class DropCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "drop";
    public static final String SUMMARY = "delete the table (needs --yes; never on AWS)";
    /** Why it refuses {@code --aws} (its entry in the command list says so). */
    public static final String NOT_ON_AWS = "the real table is deleted only through the CDK app";

    @Mixin
    private TargetOptions where;

    @Option(names = "--yes", description = "yes, delete the table and everything in it")
    private boolean yes;

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
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
