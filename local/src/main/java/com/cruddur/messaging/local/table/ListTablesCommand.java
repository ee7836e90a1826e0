package com.cruddur.messaging.local;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/** {@code list-tables}: the tables of the target, one per line. */
final class ListTablesCommand implements Command {

    @Override
    public String name() {
        return "list-tables";
    }

    @Override
    public String summary() {
        return "list the tables, one per line";
    }

    @Override
    public String synopsis() {
        return "list-tables [--endpoint URL]";
    }

    @Override
    public String details() {
        return """
                Prints the names of the tables, one per line, on standard output (what the target is goes to
                standard error, last). Not with --aws: use the AWS console or CLI for real accounts.

                example:
                  ./dev list-tables --endpoint http://localhost:8000""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, Target.OPTIONS);
        args.noPositional();
        Target.Spec spec = Target.Spec.from(args).refuseAws(name(), "it only lists DynamoDB Local's tables");
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.SAMPLE, null, io)) {
            String start = null;
            do {
                String from = start;
                ListTablesResponse page = opened.client().listTables(b -> b.exclusiveStartTableName(from));
                page.tableNames().forEach(io.out()::println);
                start = page.lastEvaluatedTableName();
            } while (start != null);
            // Last, so that a failure before it is reported in one line.
            io.err().println(opened.header());
            return ExitCode.OK;
        }
    }
}
