package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.TableStreamCheck.Index;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Table;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import org.junit.jupiter.api.Test;

class TableStreamCheckTest {

    private static final String STREAM = "arn:aws:dynamodb:eu-west-1:111111111111:table/cruddur-messages/stream/2026-01-01T00:00:00.000";
    private static final Index INDEX = new Index("message_group_uuid", "sk");
    private static final Table HEALTHY = new Table("arn:aws:dynamodb:eu-west-1:111111111111:table/cruddur-messages",
            "ACTIVE", "pk", "sk", INDEX, "NEW_IMAGE", STREAM, null);

    private static Verdict existing(Table table) {
        return TableStreamCheck.verdict("cruddur-messages", true, Lookup.found(table), Lookup.notChecked("not needed"));
    }

    @Test
    void aHealthyExistingTableIsOk() {
        Verdict verdict = existing(HEALTHY);

        assertThat(verdict.status()).isEqualTo(Status.OK);
        assertThat(verdict.found()).isEqualTo("cruddur-messages: keys pk/sk, index message-group-sk-index, stream NEW_IMAGE " + STREAM);
        assertThat(HEALTHY.account()).isEqualTo("111111111111");
    }

    @Test
    void aMissingTableFailsInExistingModeAndIsExpectedInNewTableMode() {
        Verdict existing = TableStreamCheck.verdict("t", true, Lookup.missing(), Lookup.notChecked("-"));
        Verdict fresh = TableStreamCheck.verdict("t", false, Lookup.missing(), Lookup.notChecked("-"));

        assertThat(existing.status()).isEqualTo(Status.FAIL);
        assertThat(existing.found()).isEqualTo("t not found");
        assertThat(fresh.status()).isEqualTo(Status.OK);
        assertThat(fresh.found()).contains("the stack will create it");
    }

    @Test
    void aTableWithoutTheIndexFailsWithTheCommandThatCreatesIt() {
        Verdict verdict = existing(new Table(HEALTHY.arn(), "ACTIVE", "pk", "sk", null, "NEW_IMAGE", STREAM, null));

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(verdict.found()).isEqualTo("cruddur-messages: no index message-group-sk-index");
        assertThat(verdict.fix()).startsWith("aws dynamodb update-table --table-name cruddur-messages --attribute-definitions")
                .contains("\"IndexName\":\"message-group-sk-index\"", "\"AttributeName\":\"message_group_uuid\",\"KeyType\":\"HASH\"",
                        "\"ProjectionType\":\"ALL\"");
    }

    @Test
    void wrongKeysOrAnIndexWithOtherKeysFail() {
        Verdict keys = existing(new Table(HEALTHY.arn(), "ACTIVE", "id", null, INDEX, "NEW_IMAGE", STREAM, null));
        Verdict index = existing(new Table(HEALTHY.arn(), "ACTIVE", "pk", "sk", new Index("message_group_uuid", null),
                "NEW_IMAGE", STREAM, null));

        assertThat(keys.status()).isEqualTo(Status.FAIL);
        assertThat(keys.found()).contains("keys id/null, not pk/sk");
        assertThat(index.status()).isEqualTo(Status.FAIL);
        assertThat(index.found()).contains("has keys message_group_uuid/null, not message_group_uuid/sk");
    }

    @Test
    void theStreamMustCarryTheNewImage() {
        Verdict none = existing(new Table(HEALTHY.arn(), "ACTIVE", "pk", "sk", INDEX, null, null, null));
        Verdict keysOnly = existing(new Table(HEALTHY.arn(), "ACTIVE", "pk", "sk", INDEX, "KEYS_ONLY", STREAM, null));
        Verdict both = existing(new Table(HEALTHY.arn(), "ACTIVE", "pk", "sk", INDEX, "NEW_AND_OLD_IMAGES", STREAM, null));

        assertThat(none.status()).isEqualTo(Status.FAIL);
        assertThat(none.fix()).isEqualTo("aws dynamodb update-table --table-name cruddur-messages"
                + " --stream-specification StreamEnabled=true,StreamViewType=NEW_IMAGE");
        assertThat(keysOnly.status()).isEqualTo(Status.FAIL);
        assertThat(keysOnly.fix()).contains("StreamEnabled=false and then aws dynamodb update-table");
        assertThat(both.status()).isEqualTo(Status.WARN);
    }

    @Test
    void everyProblemIsOnTheOneLineAndTheWorstDecides() {
        Verdict verdict = existing(new Table(HEALTHY.arn(), "UPDATING", "pk", "sk", null, null, null, null));

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(verdict.found()).isEqualTo("cruddur-messages: no index message-group-sk-index; no stream; status UPDATING");
        assertThat(verdict.fix()).contains("--global-secondary-index-updates", "; and aws dynamodb update-table",
                "; and wait until it is ACTIVE");
    }

    @Test
    void inNewTableModeAnExistingTableMustBeTheStacksOwn() {
        Verdict own = TableStreamCheck.verdict("cruddur-messages", false, Lookup.found(HEALTHY), Lookup.found(true));
        Verdict foreign = TableStreamCheck.verdict("cruddur-messages", false, Lookup.found(HEALTHY), Lookup.found(false));
        Verdict unknown = TableStreamCheck.verdict("cruddur-messages", false, Lookup.found(HEALTHY),
                new Lookup.Failed<>("CloudFormation", "AccessDenied", true));

        assertThat(own.status()).isEqualTo(Status.OK);
        assertThat(own.found()).startsWith("cruddur-messages (the stack CruddurMessaging's own): keys pk/sk");
        assertThat(foreign.status()).isEqualTo(Status.FAIL);
        assertThat(foreign.found()).contains("already exists and the stack CruddurMessaging does not");
        assertThat(foreign.fix()).contains("./dev doctor --existing-table",
                "./dev cdk deploy -c existingTableName=cruddur-messages -c existingTableStreamArn=" + STREAM, "cdk import");
        assertThat(unknown.status()).isEqualTo(Status.WARN);
    }

    @Test
    void anUnreadableTableIsAWarningWhenRefusedAndAFailureWhenUnreachable() {
        assertThat(TableStreamCheck.verdict("t", true, new Lookup.Failed<>("DynamoDB", "AccessDeniedException", true),
                Lookup.notChecked("-")).status()).isEqualTo(Status.WARN);
        assertThat(TableStreamCheck.verdict("t", true, new Lookup.Failed<>("DynamoDB", "timeout", false),
                Lookup.notChecked("-")).status()).isEqualTo(Status.FAIL);
    }
}
