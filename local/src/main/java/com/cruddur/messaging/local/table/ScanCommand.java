package com.cruddur.messaging.local.table;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.Targets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code scan}: every item of the table as DynamoDB JSON, one per line, sorted by pk then sk. */
@Command(customSynopsis = {"scan [--endpoint URL] [--table NAME]"},
        description = {
            """
                    Prints every item of the table on standard output, one line of DynamoDB JSON each, sorted by
                    pk then sk (the format of replay --dump and of seed files' items); the item count goes to
                    standard error. Not with --aws: a full scan of the real table is not a developer's tool."""},
        footer = {"example:", "  ./dev scan --endpoint http://localhost:8000"})
public final class ScanCommand extends TargetCommand {

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, null, io)) {
            opened.target().requireTable(opened.client());
            List<Map<String, AttributeValue>> items = Items.scanAll(opened.client(), opened.target().table());
            items.forEach(item -> io.out().println(DynamoJson.format(item)));
            // Last, so that a failure before it is reported in one line.
            io.err().println(Plural.of(items.size(), "item") + " " + io.style().dot() + " " + opened.header());
            return ExitCode.OK;
        }
    }
}
