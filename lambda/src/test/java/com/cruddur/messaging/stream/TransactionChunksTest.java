package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TransactionChunksTest {

    @Test
    void eachTransactionHoldsAtMostOneHundredActionsAndARowsDeleteAndPutStayTogether() {
        List<RowAction> actions = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            actions.add(recreate(i, ""));
        }
        actions.add(new EditMessage(PlannerTest.row("GRP#e", "t", "g", "m"), "n"));

        List<List<RowAction>> chunks = TransactionalWriter.chunks(actions);

        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(chunk -> assertThat(count(chunk)).isLessThanOrEqualTo(100));
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(121);
    }

    @Test
    void largeRowsAreSplitToStayUnderFourMegabytes() {
        List<RowAction> actions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            actions.add(recreate(i, "x".repeat(300_000)));
        }

        List<List<RowAction>> chunks = TransactionalWriter.chunks(actions);

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.stream().mapToLong(TransactionalWriter::bytes).sum())
                .isLessThanOrEqualTo(TransactionalWriter.MAX_TRANSACTION_BYTES));
        assertThat(chunks.size()).isGreaterThan(1);
    }

    private static int count(List<RowAction> chunk) {
        return chunk.stream().mapToInt(a -> a instanceof Recreate ? 2 : 1).sum();
    }

    private static Recreate recreate(int i, String padding) {
        Map<String, AttributeValue> item = PlannerTest.item("GRP#u" + i, "t1", "g", "m");
        item.put("padding", AttributeValue.fromS(padding));
        GroupRow row = new GroupRow(item);
        return new Recreate(row, row.movedTo("t2", "m"));
    }
}
