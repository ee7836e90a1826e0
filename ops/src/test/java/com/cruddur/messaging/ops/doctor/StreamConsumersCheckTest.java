package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.StreamConsumersCheck.Mapping;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamConsumersCheckTest {

    private static final String STREAM = "arn:aws:dynamodb:eu-west-1:111111111111:table/cruddur-messages/stream/2026-01-01T00:00:00.000";
    private static final Mapping OWN = new Mapping("a1b2c3d4-0000-4000-8000-000000000001",
            "arn:aws:lambda:eu-west-1:111111111111:function:CruddurMessaging-StreamHandlerFunction1A2B3C4D-Xy12Ab34Cd56:live",
            "Enabled");
    private static final Mapping PYTHON_TRIGGER = new Mapping("e5f6a7b8-0000-4000-8000-000000000002",
            "arn:aws:lambda:eu-west-1:111111111111:function:cruddur-messaging-stream", "Enabled");

    @Test
    void theStacksOwnMappingAloneIsOk() {
        Verdict verdict = StreamConsumersCheck.verdict(STREAM, Lookup.found(List.of(OWN)));

        assertThat(verdict.status()).isEqualTo(Status.OK);
        assertThat(verdict.found()).isEqualTo("no other reader of the stream (this stack's mappings: 1; this stack's"
                + " function names begin with CruddurMessaging-StreamHandler)");
    }

    @Test
    void anotherFunctionsMappingFailsNamedWithTheCommandThatDisablesIt() {
        Verdict verdict = StreamConsumersCheck.verdict(STREAM, Lookup.found(List.of(OWN, PYTHON_TRIGGER)));

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(verdict.found()).contains("e5f6a7b8-0000-4000-8000-000000000002 (function cruddur-messaging-stream, Enabled)",
                "(this stack's mappings: 1): a second writer of the GRP# rows", "two readers per shard");
        assertThat(verdict.fix()).startsWith(
                "aws lambda update-event-source-mapping --uuid e5f6a7b8-0000-4000-8000-000000000002 --no-enabled");
    }

    @Test
    void aDisabledMappingOfAnotherFunctionDoesNotRead() {
        Mapping disabled = new Mapping(PYTHON_TRIGGER.uuid(), PYTHON_TRIGGER.functionArn(), "Disabled");

        Verdict verdict = StreamConsumersCheck.verdict(STREAM, Lookup.found(List.of(disabled)));

        assertThat(verdict.status()).isEqualTo(Status.OK);
        assertThat(verdict.found()).contains("this stack's mappings: 0, other functions' disabled: 1");
    }

    @Test
    void theFunctionNameIsReadOutOfAQualifiedArn() {
        assertThat(OWN.functionName()).isEqualTo("CruddurMessaging-StreamHandlerFunction1A2B3C4D-Xy12Ab34Cd56");
        assertThat(OWN.own()).isTrue();
        assertThat(PYTHON_TRIGGER.own()).isFalse();
        // A look-alike of another stack is not this stack's.
        assertThat(new Mapping("u", "arn:aws:lambda:r:1:function:OtherStack-StreamHandlerFunctionX", "Enabled").own()).isFalse();
    }

    @Test
    void withoutAStreamNothingIsAskedAndARefusalWarns() {
        assertThat(StreamConsumersCheck.verdict(null, Lookup.notChecked("no stream")).status()).isEqualTo(Status.SKIP);
        Verdict denied = StreamConsumersCheck.verdict(STREAM, new Lookup.Failed<>("Lambda", "AccessDeniedException", true));
        assertThat(denied.status()).isEqualTo(Status.WARN);
        assertThat(denied.fix()).contains("lambda:ListEventSourceMappings");
    }
}
