package com.cruddur.messaging.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.bench.BenchCommands;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Program;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The soak on an embedded DynamoDB Local: a short run, a handler that drops its writes, a mapping that gives up. */
class SoakIT {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aMinuteAtALowRateLeavesEveryConversationAtItsNewestMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Program.run(BenchCommands.DEFINITION, new String[] {"soak", "--rate", "5", "--minutes", "1",
                "--conversations", "40"}, o, e, Style.ASCII);
        }
        String report = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(report + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report).contains("[  10 s] writes ").contains("40 conversations checked with reconcile's diff, 0 wrong")
                .contains("never seen applied 0").contains("verdict: sustained 5.0/s").doesNotContain("soak message");
    }

    @Test
    void aHandlerThatDropsItsUpdatesMakesTheSoakExitWithConversationsWrong() throws InterruptedException {
        try (Target target = embedded()) {
            TableDefinitions.createTable(target.client(), "dropped-writes");
            SoakSettings settings = SoakSettings.of(5, Duration.ofSeconds(12), 10, 0)
                    .withHandlerSeams(List.of(new DroppedWrites("dropped-writes")));

            SoakFigures figures = new Soak(target, settings, NOWHERE, NOWHERE).run();

            assertThat(figures.applied()).as("the handler reported them applied").isPositive();
            assertThat(figures.wrong()).isNotEmpty().allSatisfy((group, problems) -> assertThat(problems).contains("behind"));
            assertThat(Soak.exitCode(figures)).isEqualTo(ExitCode.CONVERSATIONS_WRONG);
            assertThat(ExitCode.CONVERSATIONS_WRONG.code()).isEqualTo(10);
        }
    }

    @Test
    void whatTheMappingGivesUpOnIsRedrivenBeforeTheCheck() throws InterruptedException {
        try (Target target = embedded()) {
            // Every request of the handler refused for 8 s from its first: the mapping retries (3.1 s of
            // back-off), then gives up on the first batches.
            AtomicLong until = new AtomicLong();
            ExecutionInterceptor refused = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    until.compareAndSet(0, System.nanoTime() + Duration.ofSeconds(8).toNanos());
                    if (System.nanoTime() < until.get()) {
                        throw (DynamoDbException) DynamoDbException.builder().statusCode(400).message("refused by the test")
                                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                                        .errorMessage("refused by the test").build()).build();
                    }
                }
            };
            SoakSettings settings = SoakSettings.of(5, Duration.ofSeconds(20), 8, 0).withHandlerSeams(List.of(refused));

            SoakFigures figures = new Soak(target, settings, NOWHERE, NOWHERE).run();

            assertThat(figures.recordsGivenUp()).isPositive();
            assertThat(figures.notDelivered()).as("every write applied or given up on").isZero();
            assertThat(figures.objectsRedriven()).isPositive();
            assertThat(figures.wrong()).isEmpty();
            assertThat(Soak.exitCode(figures)).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void aBadRateIsReportedBeforeDynamoDbLocalStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Program.run(BenchCommands.DEFINITION, new String[] {"soak", "--rate", "0", "--minutes", "1"}, NOWHERE,
                    e, Style.ASCII);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --rate must be between 0.1 and 10000.0, got 0.0");
    }

    private static Target embedded() {
        return new EmbeddedTargets().open(new Target.Spec(Target.Kind.EMBEDDED, null, MessagesTable.DEFAULT_TABLE_NAME));
    }
}
