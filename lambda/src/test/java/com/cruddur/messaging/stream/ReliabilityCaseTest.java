package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.stream.ReliabilityCase.FaultKind;
import com.cruddur.messaging.stream.ReliabilityCase.Slot;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The reliability cases replay: a seed gives the same case, a token gives back its case. */
class ReliabilityCaseTest {

    @Test
    void aSeedAlwaysGeneratesTheSameCase() {
        LongStream.range(-50, 50).forEach(seed ->
                assertThat(ReliabilityCase.generate(seed, 0.3, true)).isEqualTo(ReliabilityCase.generate(seed, 0.3, true)));
        assertThat(ReliabilityCase.generate(1, 0.3, true)).isNotEqualTo(ReliabilityCase.generate(2, 0.3, true));
    }

    @Test
    void everyCaseAndEveryShrunkVariantReadsBackFromItsToken() {
        LongStream.range(0, 100).forEach(seed -> {
            ReliabilityCase c = ReliabilityCase.generate(seed * 7919, seed % 2 == 0 ? 0.15 : 0.075, seed % 3 != 0);
            assertThat(ReliabilityCase.parse(c.token())).isEqualTo(c);
            c.smaller(Set.of(new Slot(FaultKind.REQUEST, 3), new Slot(FaultKind.CRASH, 0)))
                    .forEach(smaller -> assertThat(ReliabilityCase.parse(smaller.token())).isEqualTo(smaller));
        });
    }

    @Test
    void theSameFaultsStrikeInEveryRunOfAPlan() {
        ReliabilityCase c = ReliabilityCase.generate(42, 0.5, true);
        FaultSchedule first = new FaultSchedule(c.faults());
        FaultSchedule second = new FaultSchedule(c.faults());
        for (int i = 0; i < 200; i++) {
            assertThat(String.valueOf(second.beforeRequest())).isEqualTo(String.valueOf(first.beforeRequest()));
            assertThat(second.responseLost()).isEqualTo(first.responseLost());
            assertThat(String.valueOf(second.crash())).isEqualTo(String.valueOf(first.crash()));
        }
    }
}
