package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetCommand;
import com.cruddur.messaging.ops.failures.FailureBucketOptions;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code doctor}: a read-only preflight of the account, the Region and this machine before a
 * deploy, one line per check ({@link Doctor}), the exit status by the worst.
 */
@Command(customSynopsis = {"doctor (--aws | --endpoint URL) [--table NAME] [--existing-table]"
            + " [--kms-key-arn ARN]", "      [--bucket NAME] [--s3-endpoint URL] [--node COMMAND]"},
        description = {
            """
                    Before the first deploy (and after any change to the account), checks what the stack needs,
                    reading only (no call changes anything), one line per check: ok, warn or fail, what was
                    found, and for warn and fail the fix; skip when a check cannot apply (a local run without
                    that service, a check that depends on a failed one).
                      region            the Region against a dated table of where Lambda offers SnapStart for
                                        Java, java25 and S3 failure destinations (from AWS's pages: no API says)
                      cdk-bootstrap     the CDKToolkit stack and its BootstrapVersion, against the template's rule
                      table             the table, its keys, its index and a NEW_IMAGE stream (--existing-table);
                                        without --existing-table the name must be free or the stack's own
                      stream-consumers  other event source mappings on the stream (a second writer and reader)
                      table-key         the table's KMS key: a customer managed one needs --kms-key-arn
                      failure-objects   failure objects nobody has redriven (--bucket, --s3-endpoint as redrive's)
                      node              Node.js 22+ for the CDK CLI

                    --aws: the default credential chain and Region. --endpoint URL: a DynamoDB Local; the other
                    services where the SDK's per-service endpoint settings name one (AWS_ENDPOINT_URL_CLOUDFORMATION,
                    _LAMBDA, _KMS, or the aws.endpointUrl<Service> system properties), else those checks are
                    skipped. The options mirror the stack's context: --table (tableName or existingTableName),
                    --existing-table (existingTableName), --kms-key-arn (existingTableKmsKeyArn)."""},
        footer = {"examples:",
            "  ./dev doctor --aws",
            "  ./dev doctor --aws --existing-table --kms-key-arn arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "  ./dev doctor --endpoint http://localhost:8000 --existing-table"})
public final class DoctorCommand extends TargetCommand {

    /** A KMS key ARN, as DescribeTable's SSE description gives it (not an alias). */
    private static final String KEY_ARN = "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+";

    @Option(names = "--existing-table", description = "existing-table mode (the stack's -c existingTableName): the table"
            + " must exist with the index and a NEW_IMAGE stream")
    private boolean existing;

    @Option(names = "--kms-key-arn", paramLabel = "ARN", description = "the table's customer managed key, as the"
            + " stack's -c existingTableKmsKeyArn (with --existing-table)")
    private String kmsKeyArn;

    @Mixin
    private FailureBucketOptions failureBucket;

    @Option(names = "--node", paramLabel = "COMMAND", defaultValue = "node",
            description = "the Node.js to check (default: ${DEFAULT-VALUE} on the PATH, as ./dev cdk runs it)")
    private String node;

    /** The failure bucket's listing; a local run needs the S3-compatible server and the bucket named. */
    private FailureObjectsSource failureObjects(Target.Spec spec, DoctorClients clients) {
        if (spec.kind() == Target.Kind.AWS) {
            return () -> clients.dynamoDbUnavailable()
                    .<Lookup<List<FailureObjectsCheck.FailureObject>>>map(Lookup::notChecked)
                    .orElseGet(() -> Gather.failureObjects(clients.s3(null), failureBucket.bucket()));
        }
        if (!failureBucket.local()) {
            return () -> Lookup.notChecked("a local run lists the failure bucket given by --s3-endpoint and --bucket");
        }
        return () -> Gather.failureObjects(clients.s3(failureBucket.s3Endpoint()), failureBucket.bucket());
    }

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        if (spec.kind() == Target.Kind.EMBEDDED) {
            throw usageError("doctor needs --aws, or --endpoint URL of a DynamoDB Local");
        }
        if (kmsKeyArn != null && !existing) {
            throw usageError("--kms-key-arn goes with --existing-table");
        }
        if (kmsKeyArn != null && !kmsKeyArn.matches(KEY_ARN)) {
            throw usageError("option --kms-key-arn needs a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), got '"
                    + kmsKeyArn + "'");
        }
        if (node.isBlank()) {
            throw usageError("option --node needs a command");
        }
        failureBucket.check(spec.kind());
        PrintStream out = io.out();
        try (DoctorClients clients = spec.kind() == Target.Kind.AWS ? DoctorClients.forAws()
                : DoctorClients.forLocal(spec.endpoint())) {
            List<String> header = new ArrayList<>(List.of(clients.description(io.style()), "table " + spec.table(),
                    existing ? "existing-table mode" : "new-table mode"));
            failureBucket.bucket().ifPresent(b -> header.add("failure bucket " + b + failureBucket.at()));
            out.println(io.style().join(header));
            List<Verdict> verdicts = Doctor.run(new Doctor.Options(spec.table(), existing, kmsKeyArn, node), clients,
                    failureObjects(spec, clients), Instant.now());
            for (Verdict verdict : verdicts) {
                out.println(Report.line(verdict, io.style()));
            }
            out.println(Report.summary(verdicts));
            return Report.exitCode(verdicts);
        }
    }
}
