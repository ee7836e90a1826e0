package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.List;

/** {@code schema-load}: creates the table, its index and its stream from the schema, as the CDK app does. */
final class SchemaLoadCommand implements Command {

    @Override
    public String name() {
        return "schema-load";
    }

    @Override
    public String summary() {
        return "create the table, its index and stream from the schema (if missing)";
    }

    @Override
    public String synopsis() {
        return "schema-load [--endpoint URL] [--table NAME]";
    }

    @Override
    public String details() {
        return """
                Creates the table (pk/sk strings, on-demand), the index message-group-sk-index
                (message_group_uuid, sk; all attributes) and the stream (NEW_IMAGE) from the schema module, the
                definition the CDK app deploys. A table that exists is left as it is. Refused with --aws: the
                real table belongs to the CDK app.

                example:
                  ./dev schema-load --endpoint http://localhost:8000""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, Target.OPTIONS);
        args.noPositional();
        Target.Spec spec = Target.Spec.from(args).refuseAws(name(), "the real table is created by the CDK app");
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.EMPTY, io.out(), io)) {
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
