package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.TableDefinitions;
import java.util.List;
import java.util.Set;

/** {@code drop}: deletes the table, only with {@code --yes} and never on AWS. */
final class DropCommand implements Command {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String summary() {
        return "delete the table (needs --yes; never on AWS)";
    }

    @Override
    public String synopsis() {
        return "drop --yes [--endpoint URL] [--table NAME]";
    }

    @Override
    public String details() {
        return """
                Deletes the table and everything in it. Refuses (exit 3) without --yes, and always with --aws.
                A missing table is not an error: there is nothing to drop.

                example:
                  ./dev drop --endpoint http://localhost:8000 --yes""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, ReplayCommand.union(Target.FLAGS, Set.of("--yes")), Target.OPTIONS);
        args.noPositional();
        Target.Spec spec = Target.Spec.from(args).refuseAws(name(), "the real table is deleted only through the CDK app");
        if (!args.flag("--yes")) {
            throw new RefusedException("refusing to delete table " + spec.table() + " without --yes");
        }
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.SAMPLE, io.out(), io)) {
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
