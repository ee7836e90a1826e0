package com.cruddur.messaging.local;

import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Program;
import com.cruddur.messaging.ops.Subcommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's contract without a database: help, usage errors, input problems and refusals
 * are all decided before DynamoDB is touched, each with one line and its exit status.
 */
class CliTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndTheExitStatuses() {
        CliRun run = cli("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("replay", "watch", "schema-load", "list-tables", "seed", "scan", "drop",
                "conversations", "messages", "send", "redrive", "reconcile", "doctor", "exit status:", "--endpoint URL", "--aws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "watch", "schema-load", "list-tables", "seed", "scan", "drop",
        "conversations", "messages", "send", "redrive", "reconcile", "doctor"})
    void everyCommandHasHelpWithItsUsageAnExampleAndTheExitStatuses(String command) {
        CliRun run = cli(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("usage: messaging-local " + command)
                .containsPattern("examples?:").contains("./dev " + command, "exit status:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noArgumentsPrintsAUsageLine() {
        CliRun run = cli();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("usage: messaging-local COMMAND");
    }

    @Test
    void anUnknownCommandIsNamed() {
        CliRun run = cli("frob");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines().getFirst()).isEqualTo("messaging-local: unknown command 'frob' (see --help)");
    }

    @Test
    void anUnknownOptionGivesOneLineNamingItThenTheUsageLine() {
        CliRun run = cli("replay", "--frob", "../events/new-message.json");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly(
                "messaging-local replay: unknown option --frob (see --help)",
                "usage: messaging-local replay [--endpoint URL | --aws] [--table NAME] [--seed FILE] [--dump] [--stats]"
                        + " [--verbose] [--write-mode MODE] EVENT.json...");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void replayWithoutAFileIsAUsageError() {
        CliRun run = cli("replay");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines().getFirst()).isEqualTo("messaging-local replay: no event file given (see --help)");
    }

    @Test
    void replayOfAMissingFileNamesTheFileAndStartsNothing() {
        CliRun run = cli("replay", "../events/new-message.json", "nope.json");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly("messaging-local replay: nope.json: no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void replayOfInvalidJsonNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"Records\": [}");

        CliRun run = cli("replay", file.toString());

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().getFirst()).startsWith("messaging-local replay: " + file + ": invalid JSON (");
    }

    @Test
    void replayOfJsonThatIsNotAStreamEventNamesTheFile() {
        // The seed file is valid JSON, but items, not an event.
        CliRun run = cli("replay", "../events/seed/conversations.json");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly("messaging-local replay: ../events/seed/conversations.json: "
                + "not a stream event (expected a JSON object with a \"Records\" array)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.json              | invalid JSON (empty file)",
        "invalid.json            | invalid JSON (",
        "not-a-stream-event.json | not a stream event (no \"Records\" array)",
        "sqs-event.json          | not a DynamoDB stream event (record 0 comes from aws:sqs)",
    })
    void theBadFilesOfTheCorpusAreEachNamedWithTheirProblem(String name, String problem) {
        String file = CliRun.EVENTS + "bad/files/" + name;

        CliRun run = cli("replay", file);

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).singleElement().asString().startsWith("messaging-local replay: " + file + ": " + problem);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aSeedFileThatIsNotItemsNamesTheFile() {
        CliRun run = cli("replay", "--seed", "../events/new-message.json", "../events/new-message.json");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly("messaging-local replay: ../events/new-message.json: "
                + "expected a JSON array of items in DynamoDB JSON");
    }

    @Test
    void dropWithoutYesIsRefused() {
        CliRun run = cli("drop", "--endpoint", "http://localhost:1");

        assertThat(run.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.errLines()).containsExactly(
                "messaging-local drop: refusing to delete table cruddur-messages without --yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "drop", "send", "schema-load", "watch", "scan", "list-tables"})
    void commandsThatWriteOrScanRefuseToRunAgainstAws(String command) {
        CliRun run = switch (command) {
            case "drop" -> cli(command, "--aws", "--yes");
            case "send" -> cli(command, "--aws", "--group", CliRun.G1, "--user", CliRun.BAYKO, "--text", "hi");
            default -> cli(command, "--aws");
        };

        assertThat(run.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().getFirst()).startsWith("messaging-local " + command + ": refusing to run "
                + command + " against AWS (--aws): ");
    }

    @Test
    void reconcileRefusesToApplyToTheRealTableWithoutYesWhenNoTerminalCanConfirm() {
        CliRun run = cli("reconcile", "--aws", "--apply");

        assertThat(run.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.errLines()).containsExactly("messaging-local reconcile: refusing reconcile --apply --aws without"
                + " --yes: there is no terminal to confirm on");
    }

    @Test
    void redriveNeedsTheTableAndABucketOrAFile() {
        assertThat(cli("redrive").errLines().getFirst()).isEqualTo("messaging-local redrive: redrive needs --aws, or"
                + " --endpoint URL of the DynamoDB Local that holds the table (see --help)");
        assertThat(cli("redrive", "--endpoint", "http://localhost:1", "--bucket", "failures").errLines().getFirst())
                .isEqualTo("messaging-local redrive: with --endpoint, give --s3-endpoint URL and --bucket NAME (watch"
                        + " prints them), or FILE (see --help)");
        assertThat(cli("redrive", "--aws", "--bucket", "failures", "object.json").errLines().getFirst())
                .isEqualTo("messaging-local redrive: give --bucket (and --s3-endpoint) or FILE, not both (see --help)");
        assertThat(cli("redrive", "--aws", "--since", "7d", "object.json").errLines().getFirst())
                .isEqualTo("messaging-local redrive: --since and --max choose among the bucket's objects; FILE is one"
                        + " object (see --help)");
        assertThat(cli("redrive", "--aws", "--s3-endpoint", "http://127.0.0.1:9000").errLines().getFirst())
                .isEqualTo("messaging-local redrive: --s3-endpoint is for a local S3-compatible server; with --aws the"
                        + " bucket is in S3 (see --help)");
        assertThat(cli("redrive", "--aws", "--bucket", "Failures_1").errLines().getFirst())
                .isEqualTo("messaging-local redrive: option --bucket needs a bucket name (3-63 lowercase letters, digits,"
                        + " dots and hyphens, beginning and ending with a letter or digit), got 'Failures_1' (see --help)");
        assertThat(cli("redrive", "--aws", "--since", "last tuesday").errLines().getFirst())
                .isEqualTo("messaging-local redrive: option --since needs an instant (2026-11-20T18:00:00Z), a date"
                        + " (2026-11-20) or a duration (7d, 36h, 90m, PT36H), got 'last tuesday' (see --help)");
        assertThat(cli("watch", "--failure-bucket", "a..b").errLines().getFirst())
                .startsWith("messaging-local watch: option --failure-bucket needs a bucket name");
        CliRun missing = cli("redrive", "--endpoint", "http://localhost:1", "nope.json");
        assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(missing.errLines()).containsExactly("messaging-local redrive: nope.json: no such file");
    }

    @Test
    void doctorsArgumentsAreCheckedBeforeAnythingIsAsked() {
        assertThat(cli("doctor").errLines().getFirst()).isEqualTo(
                "messaging-local doctor: doctor needs --aws, or --endpoint URL of a DynamoDB Local (see --help)");
        assertThat(cli("doctor", "--aws", "--kms-key-arn", "arn:aws:kms:eu-west-1:111111111111:key/1234abcd").errLines()
                .getFirst()).isEqualTo("messaging-local doctor: --kms-key-arn goes with --existing-table (see --help)");
        CliRun alias = cli("doctor", "--aws", "--existing-table", "--kms-key-arn", "alias/aws/dynamodb");
        assertThat(alias.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(alias.errLines().getFirst()).isEqualTo("messaging-local doctor: option --kms-key-arn needs a KMS key ARN"
                + " (arn:aws:kms:REGION:ACCOUNT:key/ID), got 'alias/aws/dynamodb' (see --help)");
        assertThat(alias.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotAFailureObjectIsNamedWithItsProblem() throws IOException {
        Path sqs = dir.resolve("sqs-message.json");
        Files.writeString(sqs, "{\"DDBStreamBatchInfo\":{\"shardId\":\"shardId-00000001763726400000-8e1f0c3a\",\"startSequenceNumber\":"
                + "\"000000000000000000001\",\"endSequenceNumber\":\"000000000000000000001\",\"streamArn\":"
                + "\"arn:aws:dynamodb:us-east-1:1:table/cruddur-messages/stream/x\"}}");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");

        CliRun fromQueue = cli("redrive", "--endpoint", "http://127.0.0.1:1", sqs.toString());
        CliRun notJson = cli("redrive", "--endpoint", "http://127.0.0.1:1", text.toString());

        assertThat(fromQueue.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(fromQueue.errLines()).containsExactly("messaging-local redrive: " + sqs + ": no payload: it names the"
                + " records (shard, sequence numbers) but does not hold them, as an SQS or SNS destination's record;"
                + " reconcile --apply repairs them");
        assertThat(notJson.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(notJson.errLines()).singleElement().asString().startsWith("messaging-local redrive: " + text + ": not JSON (")
                .endsWith("(expected a failure object as Lambda writes it to an S3 destination)");
    }

    @Test
    void anUnknownWriteModeIsNamedWithTheModesThereAre() {
        for (String command : List.of("replay", "watch", "send", "redrive", "reconcile")) {
            CliRun run = cli(command, "--write-mode", "eventual");
            assertThat(run.code()).as(command).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(run.errLines().getFirst()).isEqualTo("messaging-local " + command
                    + ": option --write-mode needs one of [transactional, put-first], got 'eventual' (see --help)");
        }
    }

    @Test
    void reconcileArgumentsAreChecked() {
        assertThat(cli("reconcile", "--segments", "0").errLines().getFirst())
                .isEqualTo("messaging-local reconcile: option --segments must be between 1 and 64, got 0 (see --help)");
        assertThat(cli("reconcile", "--yes").errLines().getFirst())
                .isEqualTo("messaging-local reconcile: --yes goes with --apply (see --help)");
        assertThat(cli("reconcile", "--group", "nope").code()).isEqualTo(ExitCode.BAD_INPUT.code());
    }

    @Test
    void replayRefusesToSeedOrDumpTheRealTable() {
        CliRun seed = cli("replay", "--aws", "--seed", "../events/seed/conversations.json", "../events/new-message.json");
        CliRun dump = cli("replay", "--aws", "--dump", "../events/new-message.json");

        assertThat(seed.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(seed.err()).contains("refusing --seed with --aws");
        assertThat(dump.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(dump.err()).contains("refusing --dump with --aws");
    }

    @Test
    void endpointAndAwsExcludeEachOtherAndTheEndpointMustBeAUrl() {
        CliRun both = cli("scan", "--aws", "--endpoint", "http://localhost:8000");
        CliRun notUrl = cli("scan", "--endpoint", "localhost:8000");

        assertThat(both.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(both.errLines().getFirst()).isEqualTo("messaging-local scan: --endpoint and --aws exclude each other (see --help)");
        assertThat(notUrl.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(notUrl.errLines().getFirst()).contains("--endpoint needs an http(s) URL");
    }

    @Test
    void utilityArgumentsAreChecked() {
        assertThat(cli("conversations").errLines().getFirst())
                .isEqualTo("messaging-local conversations: missing required option --user (see --help)");
        assertThat(cli("messages", "--group", "not-a-uuid").errLines().getFirst())
                .isEqualTo("messaging-local messages: option --group needs a UUID, got 'not-a-uuid' (see --help)");
        assertThat(cli("messages", "--group", CliRun.G1, "--limit", "0").code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(cli("watch", "--from", "yesterday").errLines().getFirst())
                .isEqualTo("messaging-local watch: option --from takes trim-horizon or latest, got 'yesterday' (see --help)");
        assertThat(cli("send", "--group", CliRun.G1, "--user", CliRun.BAYKO).errLines().getFirst())
                .isEqualTo("messaging-local send: missing required option --text (see --help)");
    }

    @Test
    void anUnreachableEndpointIsReportedInOneLineWithExitStatusFour() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        CliRun run = cli("list-tables", "--endpoint", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(ExitCode.DYNAMODB_ERROR.code());
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().getFirst()).startsWith("messaging-local list-tables: cannot reach DynamoDB (");
    }

    @Test
    void everySynopsisNamesEveryOptionOfItsCommand() {
        CommandLine top = Program.commandTree(LocalCommands.DEFINITION);
        // --aws is left out of the synopses of the commands that always refuse it.
        Set<String> acceptAws = LocalCommands.ALL.stream().filter(Subcommand::acceptsAws).map(Subcommand::name)
                .collect(Collectors.toSet());

        top.getSubcommands().forEach((name, command) -> {
            if (command.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            String synopsis = String.join(" ", command.getCommandSpec().usageMessage().customSynopsis());
            for (OptionSpec option : command.getCommandSpec().options()) {
                String longName = option.longestName();
                if (option.usageHelp() || (longName.equals("--aws") && !acceptAws.contains(name))) {
                    continue;
                }
                assertThat(synopsis).as(name + "'s synopsis").contains(longName);
            }
        });
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSignAndDoubleDashEndsThem() {
        CliRun equals = cli("messages", "--group=" + CliRun.G1, "--limit=ten");
        CliRun dashed = cli("replay", "--", "--weird.json");

        assertThat(equals.errLines().getFirst())
                .isEqualTo("messaging-local messages: option --limit needs a whole number, got 'ten' (see --help)");
        assertThat(dashed.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(dashed.errLines()).containsExactly("messaging-local replay: --weird.json: no such file");
    }

    @Test
    void aMissingValueAnOutOfRangeNumberAndAnExtraArgumentAreEachNamed() {
        assertThat(cli("messages", "--group", CliRun.G1, "--limit").errLines().getFirst())
                .isEqualTo("messaging-local messages: option --limit needs a value (see --help)");
        assertThat(cli("messages", "--group", CliRun.G1, "--limit", "0").errLines().getFirst())
                .isEqualTo("messaging-local messages: option --limit must be between 1 and 10000, got 0 (see --help)");
        assertThat(cli("scan", "extra").errLines()).containsExactly(
                "messaging-local scan: unexpected argument 'extra' (see --help)",
                "usage: messaging-local scan [--endpoint URL] [--table NAME]");
    }

    @Test
    void versionNamesTheBuildTheHandlerAndTheLibraries() {
        CliRun run = cli("--version");

        assertThat(run.code()).isZero();
        assertThat(run.outLines().getFirst()).matches("messaging-local \\d+\\.\\d+\\.\\d+.*");
        assertThat(run.out()).contains("MessageGroupStreamHandler", "messaging-stream-lambda.jar", "AWS SDK 2.",
                "picocli 4.", "Jackson 2.", "s3proxy 2.", "event-ruler 1.").doesNotContain("${");
    }
}
