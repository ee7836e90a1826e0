package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.BootstrapCheck.Requirement;
import com.cruddur.messaging.ops.doctor.BootstrapCheck.Toolkit;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCheckTest {

    private static final Requirement SIX = new Requirement(6, "the template");

    /** The rule as the CDK's default synthesizer writes it, refusing the versions given. */
    private static JsonNode template(String refused) throws Exception {
        return new ObjectMapper().readTree("""
                {"Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                   "Default": "/cdk-bootstrap/hnb659fds/version"}},
                 "Rules": {"CheckBootstrapVersion": {"Assertions": [{
                   "Assert": {"Fn::Not": [{"Fn::Contains": [[%s], {"Ref": "BootstrapVersion"}]}]},
                   "AssertDescription": "CDK bootstrap stack version N required."}]}}}""".formatted(refused));
    }

    @Test
    void theRequiredVersionIsOneAboveTheHighestTheRuleRefuses() throws Exception {
        assertThat(BootstrapCheck.requiredVersion(template("\"1\", \"2\", \"3\", \"4\", \"5\""))).contains(6);
        assertThat(BootstrapCheck.requiredVersion(template("\"21\", \"3\", \"9\""))).contains(22);
        assertThat(BootstrapCheck.requiredVersion(new ObjectMapper().readTree("{\"Resources\": {}}"))).isEmpty();
    }

    @Test
    void theRequirementComesFromTheSynthesizedTemplateOfTheCheckout(@TempDir Path checkout) throws Exception {
        Path synthesized = checkout.resolve("infra/cdk.out/CruddurMessaging.template.json");
        Files.createDirectories(synthesized.getParent());
        Files.writeString(synthesized, template("\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"").toString());
        Path module = Files.createDirectories(checkout.resolve("local/target"));

        SynthesizedTemplate found = SynthesizedTemplate.read(module).orElseThrow();

        assertThat(found.path()).isEqualTo("infra/cdk.out/CruddurMessaging.template.json");
        assertThat(BootstrapCheck.requiredVersion(found.json())).contains(8);
        Files.writeString(synthesized, "{ not json");
        assertThat(SynthesizedTemplate.read(module)).isEmpty();
    }

    @Test
    void aMissingBootstrapStackFailsWithTheCommandThatBootstraps() {
        Verdict unknownAccount = BootstrapCheck.verdict(Lookup.missing(), SIX, "eu-west-1", null);
        Verdict knownAccount = BootstrapCheck.verdict(Lookup.missing(), SIX, "eu-west-1", "111111111111");

        assertThat(unknownAccount.status()).isEqualTo(Status.FAIL);
        assertThat(unknownAccount.found()).contains("no CDKToolkit stack in eu-west-1");
        assertThat(unknownAccount.fix())
                .isEqualTo("./dev cdk bootstrap aws://$(aws sts get-caller-identity --query Account --output text)/eu-west-1");
        assertThat(knownAccount.fix()).isEqualTo("./dev cdk bootstrap aws://111111111111/eu-west-1");
    }

    @Test
    void theVersionIsComparedWithTheRequirement() {
        Verdict recent = BootstrapCheck.verdict(Lookup.found(new Toolkit("UPDATE_COMPLETE", 30, "222222222222")), SIX,
                "eu-west-1", null);
        Verdict old = BootstrapCheck.verdict(Lookup.found(new Toolkit("CREATE_COMPLETE", 5, "222222222222")), SIX,
                "eu-west-1", null);
        Verdict exact = BootstrapCheck.verdict(Lookup.found(new Toolkit("CREATE_COMPLETE", 6, "222222222222")), SIX,
                "eu-west-1", null);

        assertThat(recent.status()).isEqualTo(Status.OK);
        assertThat(recent.found()).isEqualTo("CDKToolkit (UPDATE_COMPLETE) version 30, the stack requires 6 or later (the template)");
        assertThat(old.status()).isEqualTo(Status.FAIL);
        assertThat(old.fix()).startsWith("./dev cdk bootstrap aws://222222222222/eu-west-1");
        assertThat(exact.status()).isEqualTo(Status.OK);
    }

    @Test
    void anUnusableOrChangingOrLegacyStackIsNamed() {
        assertThat(BootstrapCheck.verdict(Lookup.found(new Toolkit("ROLLBACK_COMPLETE", 30, "2")), SIX, "r", null)
                .status()).isEqualTo(Status.FAIL);
        assertThat(BootstrapCheck.verdict(Lookup.found(new Toolkit("UPDATE_ROLLBACK_FAILED", 30, "2")), SIX, "r", null)
                .status()).isEqualTo(Status.FAIL);
        assertThat(BootstrapCheck.verdict(Lookup.found(new Toolkit("UPDATE_IN_PROGRESS", 30, "2")), SIX, "r", null)
                .status()).isEqualTo(Status.WARN);
        Verdict legacy = BootstrapCheck.verdict(Lookup.found(new Toolkit("CREATE_COMPLETE", null, "2")), SIX, "r", null);
        assertThat(legacy.status()).isEqualTo(Status.FAIL);
        assertThat(legacy.found()).contains("no BootstrapVersion output");
    }

    @Test
    void aRefusalWarnsAnUnreachableServiceFailsAndALocalRunSkips() {
        Verdict denied = BootstrapCheck.verdict(new Lookup.Failed<>("CloudFormation", "AccessDenied", true), SIX, "r", null);
        Verdict unreachable = BootstrapCheck.verdict(new Lookup.Failed<>("CloudFormation", "Connection refused", false),
                SIX, "r", null);
        Verdict local = BootstrapCheck.verdict(Lookup.notChecked("no CloudFormation endpoint for a local run"), SIX, "r", null);

        assertThat(denied.status()).isEqualTo(Status.WARN);
        assertThat(denied.fix()).contains("cloudformation:DescribeStacks");
        assertThat(unreachable.status()).isEqualTo(Status.FAIL);
        assertThat(unreachable.found()).isEqualTo("cannot reach CloudFormation (Connection refused)");
        assertThat(local.status()).isEqualTo(Status.SKIP);
    }
}
