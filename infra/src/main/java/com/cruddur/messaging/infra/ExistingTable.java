package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.StreamArn;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table that already exists, given by name and by the ARN of its stream; the table's own ARN is
 * the stream's without the stream part, so it is in the stream's partition, region and account. If
 * the table is encrypted with a customer managed KMS key, its ARN too: the function's role then needs
 * {@code kms:Decrypt} on that key through DynamoDB ({@link TableAccess#tableKeyStatement}).
 *
 * @param kmsKeyArn the table's customer managed key ({@value StackConfig#EXISTING_TABLE_KMS_KEY_ARN}); empty
 *                  for a table under an AWS owned key or the AWS managed key {@code aws/dynamodb}, whose key
 *                  policies already let DynamoDB use them for any principal of the account
 */
public record ExistingTable(String tableName, String streamArn, String partition, String region, String account,
                            Optional<String> kmsKeyArn) implements MessagesTableRef {

    // DynamoDB's table-name rule, as the one stream-ARN parser holds it.
    static final Pattern TABLE_NAME_PATTERN = Pattern.compile(StreamArn.TABLE_NAME_CHARS);
    // An AWS Region's shape (eu-west-1, us-gov-west-1): the stream ARN parser also takes DynamoDB Local's
    // "ddblocal", which no stack can be deployed to.
    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d");
    // arn:<partition>:kms:<region>:<account>:key/<key id>: a key id is a UUID, or mrk- and 32 hex digits for a
    // multi-Region key. Not an alias: IAM matches a key's ARN, never the alias a request named it by.
    private static final Pattern KEY_ARN_PATTERN = Pattern.compile("arn:(aws(?:-[a-z]+)*):kms:"
            + "([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "|mrk-[0-9a-f]{32})");

    public ExistingTable {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    }

    /**
     * Parses and checks the name, the stream ARN and the key ARN.
     *
     * @throws IllegalArgumentException when the ARN is not a DynamoDB stream ARN of that table, or the key
     *         ARN is not a KMS key ARN of the table's partition and region
     */
    static ExistingTable of(String tableName, String streamArn, Optional<String> kmsKeyArn) {
        if (!TABLE_NAME_PATTERN.matcher(tableName).matches()) {
            throw new IllegalArgumentException("context " + StackConfig.EXISTING_TABLE_NAME + "=" + tableName
                    + " is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
        }
        Optional<StreamArn> arn = StreamArn.parse(streamArn).filter(a -> REGION_PATTERN.matcher(a.region()).matches());
        if (arn.isEmpty()) {
            throw new IllegalArgumentException("context " + StackConfig.EXISTING_TABLE_STREAM_ARN + "=" + streamArn
                    + " is not a DynamoDB stream ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL; "
                    + "aws dynamodb describe-table --table-name " + tableName + " --query Table.LatestStreamArn)");
        }
        StreamArn stream = arn.get();
        if (!stream.table().equals(tableName)) {
            throw new IllegalArgumentException("context " + StackConfig.EXISTING_TABLE_STREAM_ARN + " is the stream of table "
                    + stream.table() + ", not of " + StackConfig.EXISTING_TABLE_NAME + "=" + tableName);
        }
        kmsKeyArn.ifPresent(key -> checkKeyArn(key, tableName, stream.partition(), stream.region()));
        return new ExistingTable(tableName, streamArn, stream.partition(), stream.region(), stream.account(), kmsKeyArn);
    }

    // DynamoDB uses a key of the table's own Region, so a key elsewhere is a mistake in the context.
    private static void checkKeyArn(String keyArn, String tableName, String partition, String region) {
        Matcher key = KEY_ARN_PATTERN.matcher(keyArn);
        if (!key.matches()) {
            throw new IllegalArgumentException("context " + StackConfig.EXISTING_TABLE_KMS_KEY_ARN + "=" + keyArn
                    + " is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID, not an alias; aws dynamodb "
                    + "describe-table --table-name " + tableName + " --query Table.SSEDescription.KMSMasterKeyArn)");
        }
        if (!key.group(1).equals(partition) || !key.group(2).equals(region)) {
            throw new IllegalArgumentException("context " + StackConfig.EXISTING_TABLE_KMS_KEY_ARN + " is a key of "
                    + key.group(1) + "/" + key.group(2) + ", but the table's stream is in " + partition + "/" + region
                    + ": give the key of table " + tableName);
        }
    }

    /** {@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}. */
    @Override
    public String tableArn() {
        return "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + tableName;
    }

    @Override
    public Optional<String> customerManagedKeyArn() {
        return kmsKeyArn;
    }
}
