package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

class DeterministicSynthTest {

    @Test
    void twoSynthsWriteByteIdenticalTemplates(@TempDir Path first, @TempDir Path second) throws IOException {
        // when
        Path firstTemplate = synthesize(first);
        Path secondTemplate = synthesize(second);

        // then
        assertThat(Files.mismatch(firstTemplate, secondTemplate)).as("first differing byte").isEqualTo(-1L);
        assertThat(Files.readString(firstTemplate))
                .doesNotContain("AWS::CDK::Metadata")
                .contains("\"TableName\": \"cruddur-messages\"");
    }

    @Test
    void twoSynthsOfAnExistingTableStackWriteByteIdenticalTemplates(@TempDir Path first, @TempDir Path second)
            throws IOException {
        // when
        Path firstTemplate = synthesize(first, Synth.existingTableContext());
        Path secondTemplate = synthesize(second, Synth.existingTableContext());

        // then
        assertThat(Files.mismatch(firstTemplate, secondTemplate)).as("first differing byte").isEqualTo(-1L);
        assertThat(Files.readString(firstTemplate)).doesNotContain("AWS::DynamoDB::Table");
    }

    @Test
    void cloudFormationValidationAtSynthReportsNothing(@TempDir Path outdir) throws IOException {
        // when: aws-cdk-lib validates every template against the CloudFormation schemas and rules
        synthesize(outdir);

        // then
        assertThat(Files.readString(outdir.resolve("validation-report.json")).replaceAll("\\s", ""))
                .contains("\"pluginReports\":[]");
    }

    private static Path synthesize(Path outdir) {
        return synthesize(outdir, new LinkedHashMap<>());
    }

    private static Path synthesize(Path outdir, Map<String, Object> context) {
        App app = Synth.app(context, outdir);
        InfraApp.createStack(app);
        app.synth();
        return outdir.resolve(InfraApp.STACK_NAME + ".template.json");
    }
}
