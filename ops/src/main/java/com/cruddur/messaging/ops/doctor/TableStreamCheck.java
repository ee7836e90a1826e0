package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.doctor.Verdict.Status;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The table, its index and its stream, as the deploy mode needs them. A new-table deploy needs the
 * name free (or the table to be the stack's own: CloudFormation would otherwise fail with "already
 * exists"); existing-table mode needs the table with the schema's keys, the index, and a stream
 * whose records carry the new image (the handler reads the message text from it).
 */
final class TableStreamCheck {

    static final String NAME = "table";

    /**
     * What DescribeTable says of the table (settings only).
     *
     * @param arn             the table's ARN
     * @param status          TableStatus, such as ACTIVE
     * @param hashKey         the partition key's name
     * @param rangeKey        the sort key's name, null if none
     * @param index           the index {@link MessagesTable#GROUP_INDEX_NAME}, null if absent
     * @param streamViewType  the stream's view type, null when no stream is enabled
     * @param latestStreamArn the latest stream's ARN, null when no stream is enabled
     * @param kmsKeyArn       the SSE description's key, null when there is none (an AWS owned key)
     */
    record Table(String arn, String status, String hashKey, String rangeKey, Index index,
                 String streamViewType, String latestStreamArn, String kmsKeyArn) {

        /** The account, from the table's ARN ({@code arn:PARTITION:dynamodb:REGION:ACCOUNT:table/NAME}). */
        String account() {
            String[] parts = arn == null ? new String[0] : arn.split(":", 6);
            return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : null;
        }
    }

    /** The group index's keys. */
    record Index(String hashKey, String rangeKey) {
    }

    private record Problem(Status status, String found, String fix) {
    }

    private TableStreamCheck() {
    }

    /**
     * @param name     the table's name
     * @param existing existing-table mode ({@code --existing-table})
     * @param table    the table, as read
     * @param stack    whether the stack {@link DeploymentContract.Stack#NAME} exists (new-table mode)
     */
    static Verdict verdict(String name, boolean existing, Lookup<Table> table, Lookup<Boolean> stack) {
        return switch (table) {
            case Lookup.NotChecked<Table> not -> Verdict.skip(NAME, not.why());
            case Lookup.Failed<Table> failed -> Lookup.unavailable(NAME, failed, "dynamodb:DescribeTable on " + name);
            case Lookup.Missing<Table> _ -> existing
                    ? Verdict.fail(NAME, name + " not found", "check --table and the Region (AWS_REGION); without"
                            + " --existing-table the stack creates the table")
                    : Verdict.ok(NAME, name + " does not exist yet: the stack will create it");
            case Lookup.Found<Table> found -> existing ? schema(name, found.value(), "")
                    : existsForNewTable(name, found.value(), stack);
        };
    }

    private static Verdict existsForNewTable(String name, Table table, Lookup<Boolean> stack) {
        String stackName = DeploymentContract.Stack.NAME;
        String adopt = "use it as it is: ./dev doctor --existing-table, then ./dev cdk deploy -c existingTableName=" + name
                + " -c existingTableStreamArn=" + (table.latestStreamArn() == null ? "<its stream ARN>" : table.latestStreamArn())
                + "; or adopt it with cdk import (infra/README-ops.md, \"Three ways to deploy: the table\")";
        return switch (stack) {
            case Lookup.Found<Boolean> found when found.value() ->
                    schema(name, table, " (the stack " + stackName + "'s own)");
            case Lookup.Found<Boolean> _, Lookup.Missing<Boolean> _ -> Verdict.fail(NAME, name + " already exists and the stack "
                    + stackName + " does not: a new-table deploy would fail with \"already exists\"", adopt);
            case Lookup.Failed<Boolean> failed -> Verdict.warn(NAME, name + " exists; cannot tell whether it is the stack "
                    + stackName + "'s own (" + failed.service() + ": " + failed.reason() + ")", "if it is not, " + adopt);
            case Lookup.NotChecked<Boolean> not -> Verdict.warn(NAME, name + " exists; cannot tell whether it is the stack "
                    + stackName + "'s own (" + not.why() + ")", "if it is not, " + adopt);
        };
    }

    private static Verdict schema(String name, Table table, String whose) {
        List<Problem> problems = new ArrayList<>();
        if (!MessagesTable.PK.equals(table.hashKey()) || !MessagesTable.SK.equals(table.rangeKey())) {
            problems.add(new Problem(Status.FAIL, "keys " + table.hashKey() + "/" + table.rangeKey() + ", not "
                    + MessagesTable.PK + "/" + MessagesTable.SK,
                    "the handler needs " + MessagesTable.PK + " (HASH) and " + MessagesTable.SK + " (RANGE): use a table"
                            + " with the schema of MessagesTable"));
        }
        if (table.index() == null) {
            problems.add(new Problem(Status.FAIL, "no index " + MessagesTable.GROUP_INDEX_NAME, createIndex(name)));
        } else if (!MessagesTable.GROUP_INDEX_PK.equals(table.index().hashKey())
                || !MessagesTable.GROUP_INDEX_SK.equals(table.index().rangeKey())) {
            problems.add(new Problem(Status.FAIL, "index " + MessagesTable.GROUP_INDEX_NAME + " has keys "
                    + table.index().hashKey() + "/" + table.index().rangeKey() + ", not " + MessagesTable.GROUP_INDEX_PK
                    + "/" + MessagesTable.GROUP_INDEX_SK, "delete that index and create it as MessagesTable defines it: "
                    + createIndex(name)));
        }
        String enable = "aws dynamodb update-table --table-name " + name
                + " --stream-specification StreamEnabled=true,StreamViewType=" + MessagesTable.STREAM_VIEW_TYPE;
        if (table.streamViewType() == null) {
            problems.add(new Problem(Status.FAIL, "no stream", enable));
        } else if (table.streamViewType().equals("NEW_AND_OLD_IMAGES")) {
            problems.add(new Problem(Status.WARN, "stream NEW_AND_OLD_IMAGES: works (its records carry the new"
                    + " image), but twice the data of the " + MessagesTable.STREAM_VIEW_TYPE + " the stack documents",
                    "keep it if another reader needs the old images; else disable the stream and enable it with "
                            + MessagesTable.STREAM_VIEW_TYPE + " (a new stream ARN: deploy with it)"));
        } else if (!table.streamViewType().equals(MessagesTable.STREAM_VIEW_TYPE)) {
            problems.add(new Problem(Status.FAIL, "stream " + table.streamViewType() + ": its records have no new image",
                    "aws dynamodb update-table --table-name " + name + " --stream-specification StreamEnabled=false"
                            + " and then " + enable + " (a table has one stream; the new one has a new ARN)"));
        }
        if (!"ACTIVE".equals(table.status())) {
            problems.add(new Problem(Status.WARN, "status " + table.status(), "wait until it is ACTIVE, then run doctor again"));
        }
        if (problems.isEmpty()) {
            return Verdict.ok(NAME, name + whose + ": keys " + table.hashKey() + "/" + table.rangeKey() + ", index "
                    + MessagesTable.GROUP_INDEX_NAME + ", stream " + table.streamViewType() + " " + table.latestStreamArn());
        }
        Status worst = Status.OK;
        for (Problem problem : problems) {
            worst = worst.worse(problem.status());
        }
        String found = name + whose + ": " + String.join("; ", problems.stream().map(Problem::found).toList());
        String fix = String.join("; and ", problems.stream().map(Problem::fix).toList());
        return new Verdict(worst, NAME, found, fix);
    }

    /** The index as the schema defines it (an on-demand table; a provisioned one also needs its throughput). */
    private static String createIndex(String name) {
        return "aws dynamodb update-table --table-name " + name + " --attribute-definitions AttributeName="
                + MessagesTable.GROUP_INDEX_PK + ",AttributeType=S AttributeName=" + MessagesTable.SK + ",AttributeType=S"
                + " --global-secondary-index-updates '[{\"Create\":{\"IndexName\":\"" + MessagesTable.GROUP_INDEX_NAME
                + "\",\"KeySchema\":[{\"AttributeName\":\"" + MessagesTable.GROUP_INDEX_PK + "\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"" + MessagesTable.GROUP_INDEX_SK + "\",\"KeyType\":\"RANGE\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]'";
    }
}
