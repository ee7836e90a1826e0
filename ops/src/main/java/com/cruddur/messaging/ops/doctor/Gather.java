package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.doctor.BootstrapCheck.Requirement;
import com.cruddur.messaging.ops.doctor.BootstrapCheck.Toolkit;
import com.cruddur.messaging.ops.doctor.StreamConsumersCheck.Mapping;
import com.cruddur.messaging.ops.doctor.TableKeyCheck.Key;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Index;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Table;
import com.cruddur.messaging.ops.failures.FailureBucket;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reads the checks decide on, each converted at the edge into a {@link Lookup}: the facts a
 * service answered with, "does not exist", or why it could not be asked. Only read operations
 * (the clients refuse any other: {@link ReadOnlyGuard}); errors never escape as exceptions.
 */
final class Gather {

    /** How long node may take to say its version. */
    private static final int NODE_TIMEOUT_SECONDS = 10;
    /** How long an error's reason may be in the report. */
    private static final int REASON_MAX = 160;

    private Gather() {
    }

    /** DynamoDB DescribeTable: keys, the group index, the stream, the SSE description's key. */
    static Lookup<Table> table(DynamoDbClient dynamoDb, String name) {
        try {
            TableDescription t = dynamoDb.describeTable(b -> b.tableName(name)).table();
            Index index = null;
            for (GlobalSecondaryIndexDescription gsi : t.globalSecondaryIndexes()) {
                if (MessagesTable.GROUP_INDEX_NAME.equals(gsi.indexName())) {
                    index = new Index(key(gsi.keySchema(), KeyType.HASH), key(gsi.keySchema(), KeyType.RANGE));
                }
            }
            boolean stream = t.streamSpecification() != null && Boolean.TRUE.equals(t.streamSpecification().streamEnabled());
            return Lookup.found(new Table(t.tableArn(), t.tableStatusAsString(), key(t.keySchema(), KeyType.HASH),
                    key(t.keySchema(), KeyType.RANGE), index,
                    stream ? t.streamSpecification().streamViewTypeAsString() : null,
                    stream ? t.latestStreamArn() : null,
                    t.sseDescription() == null ? null : t.sseDescription().kmsMasterKeyArn()));
        } catch (ResourceNotFoundException e) {
            return Lookup.missing();
        } catch (SdkException e) {
            return failed("DynamoDB", e);
        }
    }

    /**
     * CloudFormation DescribeStacks of one stack. DescribeStacks answers a stack name that does not
     * exist with the error {@code ValidationError} (it has no "not found" error), and the names
     * asked here are valid stack names, so that error means missing.
     */
    static Lookup<Stack> stack(CloudFormationClient cloudFormation, String name) {
        try {
            List<Stack> stacks = cloudFormation.describeStacks(b -> b.stackName(name)).stacks();
            return stacks.isEmpty() ? Lookup.missing() : Lookup.found(stacks.getFirst());
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())) {
                return Lookup.missing();
            }
            return failed("CloudFormation", e);
        } catch (SdkException e) {
            return failed("CloudFormation", e);
        }
    }

    /** Whether a stack exists. */
    static Lookup<Boolean> stackExists(CloudFormationClient cloudFormation, String name) {
        return switch (stack(cloudFormation, name)) {
            case Lookup.Found<Stack> _ -> Lookup.found(true);
            case Lookup.Missing<Stack> _ -> Lookup.found(false);
            case Lookup.Failed<Stack> f -> new Lookup.Failed<>(f.service(), f.reason(), f.accessDenied());
            case Lookup.NotChecked<Stack> n -> Lookup.notChecked(n.why());
        };
    }

    /** The CDK bootstrap stack: its status, its BootstrapVersion output, its account. */
    static Lookup<Toolkit> toolkit(CloudFormationClient cloudFormation) {
        return switch (stack(cloudFormation, BootstrapCheck.TOOLKIT_STACK)) {
            case Lookup.Found<Stack> found -> Lookup.found(toolkit(found.value()));
            case Lookup.Missing<Stack> _ -> Lookup.missing();
            case Lookup.Failed<Stack> f -> new Lookup.Failed<>(f.service(), f.reason(), f.accessDenied());
            case Lookup.NotChecked<Stack> n -> Lookup.notChecked(n.why());
        };
    }

    private static Toolkit toolkit(Stack stack) {
        Integer version = null;
        for (Output output : stack.outputs()) {
            if (BootstrapCheck.VERSION_OUTPUT.equals(output.outputKey()) && output.outputValue() != null
                    && output.outputValue().matches("\\d{1,6}")) {
                version = Integer.valueOf(output.outputValue());
            }
        }
        // arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID
        String[] arn = stack.stackId() == null ? new String[0] : stack.stackId().split(":", 6);
        return new Toolkit(stack.stackStatusAsString(), version, arn.length == 6 ? arn[4] : null);
    }

    /** Lambda ListEventSourceMappings by the stream's ARN, every page. */
    static Lookup<List<Mapping>> mappings(EventSourceMappings lambda, String streamArn) {
        try {
            return Lookup.found(lambda.list(streamArn));
        } catch (SdkException e) {
            return failed("Lambda", e);
        }
    }

    /** KMS DescribeKey: who manages the key, and its state. */
    static Lookup<Key> key(KmsClient kms, String keyArn) {
        try {
            KeyMetadata key = kms.describeKey(b -> b.keyId(keyArn)).keyMetadata();
            return Lookup.found(new Key(key.arn(), key.keyManagerAsString(), key.keyStateAsString()));
        } catch (NotFoundException e) {
            return Lookup.missing();
        } catch (SdkException e) {
            return failed("KMS", e);
        }
    }

    /**
     * {@code node --version}, as {@code ./dev cdk} would find node: missing when there is none.
     *
     * @param node the command (default {@code node}, on the PATH)
     */
    static Lookup<String> nodeVersion(String node) {
        Process process;
        try {
            process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            // "Cannot run program": no such executable (the JDK gives no finer cause than its message).
            return Lookup.missing();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return new Lookup.Failed<>("node", "no answer in " + NODE_TIMEOUT_SECONDS + " s", false);
            }
            String output = new String(process.getInputStream().readNBytes(200), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Lookup.found(output)
                    : new Lookup.Failed<>("node", "exit status " + process.exitValue(), false);
        } catch (IOException e) {
            return new Lookup.Failed<>("node", shorten(Style.firstLine(e.getMessage())), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup.Failed<>("node", "interrupted", false);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The template's bootstrap requirement, or the default when no synthesized template is found. */
    static Requirement bootstrapRequirement() {
        return SynthesizedTemplate.read()
                .flatMap(t -> BootstrapCheck.requiredVersion(t.json()).map(v -> new Requirement(v, t.path())))
                .orElseGet(Requirement::fallback);
    }

    /**
     * The failure objects waiting in the failure bucket: the one named, or the stack's, found as
     * {@code redrive} finds it ({@link FailureBucket#findStackBucket}); missing when the stack has none.
     */
    static Lookup<List<FailureObjectsCheck.FailureObject>> failureObjects(S3Client s3, Optional<String> bucket) {
        try {
            Optional<String> name = bucket.isPresent() ? bucket
                    : FailureBucket.findStackBucket(s3, DeploymentContract.Stack.NAME);
            if (name.isEmpty()) {
                return Lookup.missing();
            }
            return Lookup.found(new FailureBucket(s3, name.get()).list(Optional.empty()).stream()
                    .map(e -> new FailureObjectsCheck.FailureObject(e.key(), e.lastModified()))
                    .toList());
        } catch (SdkException e) {
            return failed("S3", e);
        } catch (IllegalStateException several) {
            return new Lookup.Failed<>("S3", Style.firstLine(several.getMessage()) + ": give --bucket", false);
        }
    }

    /**
     * An SDK error, converted: a missing permission (an {@code AccessDenied...} error code) is told
     * apart from everything else. Of a refusal only its code is kept: AWS's message names the
     * caller (user or role names are not for the report).
     */
    static <T> Lookup<T> failed(String service, SdkException e) {
        if (e instanceof AwsServiceException rejected && rejected.awsErrorDetails() != null) {
            String code = rejected.awsErrorDetails().errorCode();
            if (code != null && code.contains("AccessDenied")) {
                return new Lookup.Failed<>(service, code, true);
            }
            String message = rejected.awsErrorDetails().errorMessage();
            return new Lookup.Failed<>(service, shorten((code == null ? "" : code + ": ")
                    + (message == null ? "status " + rejected.statusCode() : Style.firstLine(message))), false);
        }
        // Unreachable: the network's own error says more than the SDK's wrapper of it (which host, refused or not).
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root instanceof IOException io
                ? io.getClass().getSimpleName() + ": " + Style.firstLine(io.getMessage()) : Style.firstLine(e.getMessage());
        return new Lookup.Failed<>(service, shorten(reason), false);
    }

    private static String shorten(String reason) {
        return reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX - 3) + "...";
    }

    private static String key(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName).findFirst().orElse(null);
    }
}
