package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.TableKeyCheck.Key;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Index;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Table;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import org.junit.jupiter.api.Test;

class TableKeyCheckTest {

    private static final String CMK = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER = "arn:aws:kms:eu-west-1:111111111111:key/99999999-12ab-34cd-56ef-1234567890ab";

    private static Lookup<Table> table(String key) {
        return Lookup.found(new Table("arn:aws:dynamodb:eu-west-1:111111111111:table/t", "ACTIVE", "pk", "sk",
                new Index("message_group_uuid", "sk"), "NEW_IMAGE", "arn:.../stream/x", key));
    }

    private static Lookup<Key> described(String manager, String state) {
        return Lookup.found(new Key(CMK, manager, state));
    }

    @Test
    void anAwsOwnedOrAwsManagedKeyNeedsNothing() {
        assertThat(TableKeyCheck.verdict(true, table(null), Lookup.notChecked("no key"), null).found())
                .isEqualTo("an AWS owned key: nothing to grant");
        Verdict managed = TableKeyCheck.verdict(true, table(CMK), described("AWS", "Enabled"), null);
        assertThat(managed.status()).isEqualTo(Status.OK);
        assertThat(managed.found()).startsWith("the AWS managed key");
    }

    @Test
    void aCustomerManagedKeyWithoutTheContextValueFailsNamingTheContextKey() {
        Verdict verdict = TableKeyCheck.verdict(true, table(CMK), described("CUSTOMER", "Enabled"), null);

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(verdict.found()).contains("a customer managed key " + CMK + " and no --kms-key-arn");
        assertThat(verdict.fix()).contains("--kms-key-arn " + CMK, "-c existingTableKmsKeyArn=" + CMK, "key policy is the owner's");
    }

    @Test
    void theContextValueMustBeTheTablesKey() {
        Verdict same = TableKeyCheck.verdict(true, table(CMK), described("CUSTOMER", "Enabled"), CMK);
        Verdict other = TableKeyCheck.verdict(true, table(CMK), described("CUSTOMER", "Enabled"), OTHER);

        assertThat(same.status()).isEqualTo(Status.OK);
        assertThat(same.found()).contains("given as existingTableKmsKeyArn");
        assertThat(other.status()).isEqualTo(Status.FAIL);
        assertThat(other.found()).isEqualTo("the table's key is " + CMK + ", --kms-key-arn names " + OTHER);
    }

    @Test
    void aContextValueForAKeyThatNeedsNoneWarns() {
        assertThat(TableKeyCheck.verdict(true, table(null), Lookup.notChecked("no key"), CMK).status()).isEqualTo(Status.WARN);
        assertThat(TableKeyCheck.verdict(true, table(CMK), described("AWS", "Enabled"), CMK).status()).isEqualTo(Status.WARN);
    }

    @Test
    void aDisabledOrMissingKeyFails() {
        Verdict disabled = TableKeyCheck.verdict(true, table(CMK), described("CUSTOMER", "PendingDeletion"), CMK);

        assertThat(disabled.status()).isEqualTo(Status.FAIL);
        assertThat(disabled.found()).contains("is PendingDeletion");
        assertThat(TableKeyCheck.verdict(true, table(CMK), Lookup.missing(), null).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anAccessDeniedDescribeKeyWarnsWithWhatToCheck() {
        Verdict verdict = TableKeyCheck.verdict(true, table(CMK), new Lookup.Failed<>("KMS", "AccessDeniedException", true), null);

        assertThat(verdict.status()).isEqualTo(Status.WARN);
        assertThat(verdict.found()).isEqualTo("the table's key " + CMK + " could not be described (AccessDeniedException)");
        assertThat(verdict.fix()).contains("allow kms:DescribeKey", "-c existingTableKmsKeyArn=" + CMK);
    }

    @Test
    void withoutATableTheModeDecides() {
        assertThat(TableKeyCheck.verdict(false, Lookup.missing(), Lookup.notChecked("-"), null).status()).isEqualTo(Status.OK);
        assertThat(TableKeyCheck.verdict(true, Lookup.missing(), Lookup.notChecked("-"), null).status()).isEqualTo(Status.SKIP);
        assertThat(TableKeyCheck.verdict(true, Lookup.notChecked("needs a Region"), Lookup.notChecked("-"), null).status())
                .isEqualTo(Status.SKIP);
    }
}
