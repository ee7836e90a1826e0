package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.schema.DeploymentContract;

/**
 * The table's encryption key. With an AWS owned key (DescribeTable has no SSE description) or the
 * AWS managed key {@code aws/dynamodb}, DynamoDB and its stream need no key permission of the
 * function's role. With a customer managed key, reading the stream and writing the table need
 * the role to be allowed to use the key, which the stack grants only when told the key by the
 * context key {@value #CONTEXT_KEY} (doctor's {@code --kms-key-arn}); the key's policy stays its
 * owner's and must let this account's IAM policies grant its use.
 */
final class TableKeyCheck {

    static final String NAME = "table-key";
    /** The stack's context key for an existing table's customer managed key (infra's StackConfig). */
    static final String CONTEXT_KEY = DeploymentContract.Context.EXISTING_TABLE_KMS_KEY_ARN;

    /**
     * What KMS DescribeKey says of the key.
     *
     * @param arn        the key's ARN
     * @param keyManager {@code AWS} or {@code CUSTOMER}
     * @param keyState   such as {@code Enabled}
     */
    record Key(String arn, String keyManager, String keyState) {
    }

    private TableKeyCheck() {
    }

    /**
     * @param existing existing-table mode
     * @param table    the table, as read (its SSE description's key)
     * @param key      the key, as read; asked only when the table names one
     * @param context  the {@code --kms-key-arn} given, null if none
     */
    static Verdict verdict(boolean existing, Lookup<TableStreamCheck.Table> table, Lookup<Key> key, String context) {
        String drop = "drop --kms-key-arn (and -c " + CONTEXT_KEY + ")";
        return switch (table) {
            case Lookup.Missing<TableStreamCheck.Table> _ when existing -> Verdict.skip(NAME, "no table (see table)");
            case Lookup.Missing<TableStreamCheck.Table> _ -> context == null
                    ? Verdict.ok(NAME, "no table yet: the stack creates it with the AWS managed key aws/dynamodb")
                    : Verdict.warn(NAME, "--kms-key-arn given, but there is no table: the stack creates one with the"
                            + " AWS managed key", drop);
            case Lookup.Failed<TableStreamCheck.Table> _, Lookup.NotChecked<TableStreamCheck.Table> _ ->
                    Verdict.skip(NAME, "no table description (see table)");
            case Lookup.Found<TableStreamCheck.Table> found -> found.value().kmsKeyArn() == null
                    ? (context == null ? Verdict.ok(NAME, "an AWS owned key: nothing to grant")
                            : Verdict.warn(NAME, "--kms-key-arn given, but the table uses an AWS owned key", drop))
                    : key(found.value().kmsKeyArn(), key, context);
        };
    }

    private static Verdict key(String tableKey, Lookup<Key> key, String context) {
        String pass = "pass it: ./dev doctor --kms-key-arn " + tableKey + ", and ./dev cdk deploy ... -c " + CONTEXT_KEY
                + "=" + tableKey;
        return switch (key) {
            case Lookup.NotChecked<Key> not -> Verdict.skip(NAME, "the table's key " + tableKey + " not described: " + not.why());
            case Lookup.Failed<Key> failed when failed.accessDenied() -> Verdict.warn(NAME, "the table's key " + tableKey
                    + " could not be described (" + failed.reason() + ")",
                    "allow kms:DescribeKey on it to whoever runs doctor; if it is customer managed, " + pass);
            case Lookup.Failed<Key> failed -> Lookup.unavailable(NAME, failed, "kms:DescribeKey on " + tableKey);
            case Lookup.Missing<Key> _ -> Verdict.fail(NAME, "the table's key " + tableKey + " does not exist",
                    "the table cannot be read without it: ask the key's owner");
            case Lookup.Found<Key> found -> described(found.value(), tableKey, context, pass);
        };
    }

    private static Verdict described(Key key, String tableKey, String context, String pass) {
        if (!"Enabled".equals(key.keyState())) {
            return Verdict.fail(NAME, "the table's key " + tableKey + " is " + key.keyState()
                    + ": DynamoDB cannot use it", "its owner enables it (aws kms enable-key, or cancel-key-deletion)");
        }
        if ("AWS".equals(key.keyManager())) {
            return context == null ? Verdict.ok(NAME, "the AWS managed key " + tableKey + ": nothing to grant")
                    : Verdict.warn(NAME, "--kms-key-arn given, but the table's key is AWS managed (" + tableKey + ")",
                            "drop --kms-key-arn (and -c " + CONTEXT_KEY + ")");
        }
        if (context == null) {
            return Verdict.fail(NAME, "a customer managed key " + tableKey + " and no --kms-key-arn: the role would"
                    + " get no permission on it (the mapping could not read the stream, the writes would fail)", pass
                    + " (its key policy is the owner's: it must let this account's IAM policies grant its use)");
        }
        if (!context.equals(tableKey) && !context.equals(key.arn())) {
            return Verdict.fail(NAME, "the table's key is " + tableKey + ", --kms-key-arn names " + context,
                    "pass the table's key: " + pass);
        }
        return Verdict.ok(NAME, "a customer managed key " + tableKey + ", given as " + CONTEXT_KEY
                + " (its key policy is the owner's: it must let this account's IAM policies grant its use)");
    }
}
