package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code scan}: every item of the table as DynamoDB JSON, one per line, sorted by pk then sk. */
final class ScanCommand implements Command {

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String summary() {
        return "print every item as one line of DynamoDB JSON, sorted by pk then sk";
    }

    @Override
    public String synopsis() {
        return "scan [--endpoint URL] [--table NAME]";
    }

    @Override
    public String details() {
        return """
                Prints every item of the table on standard output, one line of DynamoDB JSON each, sorted by
                pk then sk (the format of replay --dump and of seed files' items); the item count goes to
                standard error. Not with --aws: a full scan of the real table is not a developer's tool.

                example:
                  ./dev scan --endpoint http://localhost:8000""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Args args = Args.parse(argv, Target.FLAGS, Target.OPTIONS);
        args.noPositional();
        Target.Spec spec = Target.Spec.from(args).refuseAws(name(), "it would read the whole real table");
        try (Targets.Opened opened = Targets.open(spec, Targets.Embedded.SAMPLE, null, io)) {
            opened.target().requireTable(opened.client());
            List<Map<String, AttributeValue>> items = Items.scanAll(opened.client(), opened.target().table());
            items.forEach(item -> io.out().println(DynamoJson.format(item)));
            // Last, so that a failure before it is reported in one line.
            io.err().println(Views.plural(items.size(), "item") + " " + io.style().dot() + " " + opened.header());
            return ExitCode.OK;
        }
    }
}
