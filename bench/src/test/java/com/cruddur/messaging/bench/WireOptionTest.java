package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.bench.wire.WireSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WireOptionTest {

    @Test
    void loopbackIsNoRelay() {
        assertThat(WireOption.parse("loopback")).isEmpty();
    }

    @Test
    void tlsWithALatencyPerRequestSetsUpAConnectionInTwoOfThem() {
        assertThat(WireOption.parse("tls,5ms")).contains(new WireSettings(Duration.ofMillis(5), Duration.ofMillis(10)));
        assertThat(WireOption.parse("TLS,20ms")).contains(new WireSettings(Duration.ofMillis(20), Duration.ofMillis(40)));
        assertThat(WireOption.parse("tls,0ms")).contains(new WireSettings(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void aConnectionCostCanBeGivenApart() {
        assertThat(WireOption.parse("tls,5ms,connect=30ms")).contains(new WireSettings(Duration.ofMillis(5), Duration.ofMillis(30)));
    }

    @Test
    void anythingElseIsRefusedWithTheGrammar() {
        for (String bad : new String[] {"tls", "tls,5", "tls,-5ms", "5ms", "tls,5ms,", "tls,5ms,connect=", "plain,5ms"}) {
            assertThatThrownBy(() -> WireOption.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(WireOption.GRAMMAR).hasMessageContaining(bad);
        }
    }
}
