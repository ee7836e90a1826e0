package com.cruddur.messaging.local.table;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetOptions;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.schema.MessagesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schema-load}: creates the table, its index and its stream from the schema, as the CDK app does. */
@Command(name = SchemaLoadCommand.NAME,
        customSynopsis = {"schema-load [--endpoint URL] [--table NAME]"},
        description = {SchemaLoadCommand.SUMMARY, "",
            """
                    Creates the table (pk/sk strings, on-demand), the index message-group-sk-index
                    (message_group_uuid, sk; all attributes) and the stream (NEW_IMAGE) from the schema module, the
                    definition the CDK app deploys. A table that exists is left as it is. Refused with --aws: the
                    real table belongs to the CDK app."""},
        footer = {"example:", "  ./dev schema-load --endpoint http://localhost:8000"})
public final class SchemaLoadCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "schema-load";
    public static final String SUMMARY = "create the table, its index and stream from the schema (if missing)";
    /** Why it refuses {@code --aws} (its entry in the command list says so). */
    public static final String NOT_ON_AWS = "the real table is created by the CDK app";

    @Mixin
    private TargetOptions where;

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.EMPTY, io.out(), io)) {
            String table = opened.target().table();
            if (TableDefinitions.createTableIfMissing(opened.client(), table)) {
                io.out().println("created table " + table + ": key pk/sk, index " + MessagesTable.GROUP_INDEX_NAME
                        + " (" + MessagesTable.GROUP_INDEX_PK + ", " + MessagesTable.GROUP_INDEX_SK + "), stream "
                        + MessagesTable.STREAM_VIEW_TYPE);
            } else {
                io.out().println("table " + table + " already exists; left as it is");
            }
            return ExitCode.OK;
        }
    }
}
