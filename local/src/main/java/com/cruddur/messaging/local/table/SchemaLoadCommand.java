package com.cruddur.messaging.local.table;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.schema.MessagesTable;
import picocli.CommandLine.Command;

/** {@code schema-load}: creates the table, its index and its stream from the schema, as the CDK app does. */
@Command(customSynopsis = {"schema-load [--endpoint URL] [--table NAME]"},
        description = {
            """
                    Creates the table (pk/sk strings, on-demand), the index message-group-sk-index
                    (message_group_uuid, sk; all attributes) and the stream (NEW_IMAGE) from the schema module, the
                    definition the CDK app deploys. A table that exists is left as it is. Refused with --aws: the
                    real table belongs to the CDK app."""},
        footer = {"example:", "  ./dev schema-load --endpoint http://localhost:8000"})
public final class SchemaLoadCommand extends TargetCommand {

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
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
