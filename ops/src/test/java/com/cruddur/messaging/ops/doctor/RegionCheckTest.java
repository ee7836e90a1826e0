package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.Verdict.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionCheckTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "eu-west-1,      OK",
        "us-east-1,      OK",
        "ap-southeast-5, OK",
        "ap-southeast-6, FAIL",
        "ap-east-2,      FAIL",
        "cn-north-1,     FAIL",
        "us-gov-west-1,  WARN",
        "me-west-1,      WARN",
        "xx-mars-1,      WARN",
    })
    void aRegionIsJudgedByTheTable(String region, Status expected) {
        Verdict verdict = RegionCheck.verdict(region, true);

        assertThat(verdict.status()).isEqualTo(expected);
        assertThat(verdict.found()).startsWith(region).contains("as read 2026-12-03", "no API answers this");
    }

    @Test
    void newZealandLacksSnapStartAndSaysWhatToDo() {
        Verdict verdict = RegionCheck.verdict("ap-southeast-6", true);

        assertThat(verdict.found()).contains("does not offer SnapStart for Java").doesNotContain("java25");
        assertThat(verdict.fix()).contains("deploy to a Region");
    }

    @Test
    void chinaLacksTheS3FailureDestinationAndSnapStartForJavaIsUnconfirmed() {
        Verdict verdict = RegionCheck.verdict("cn-northwest-1", true);

        assertThat(verdict.found()).contains("does not offer S3 failure destinations", "unconfirmed: SnapStart for Java");
    }

    @Test
    void withoutARegionAwsFailsAndALocalRunSkips() {
        Verdict aws = RegionCheck.verdict(null, true);
        Verdict local = RegionCheck.verdict(null, false);

        assertThat(aws.status()).isEqualTo(Status.FAIL);
        assertThat(aws.fix()).contains("AWS_REGION");
        assertThat(local.status()).isEqualTo(Status.SKIP);
        assertThat(local.found()).contains("a local run needs none");
    }
}
