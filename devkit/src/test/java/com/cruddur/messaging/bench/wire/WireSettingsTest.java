package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WireSettingsTest {

    @Test
    void aNewConnectionCostsTwoRoundTrips() {
        // TCP's handshake and TLS 1.3's: 2 × 20 ms.
        WireSettings wire = WireSettings.withRequestLatency(Duration.ofMillis(20));
        assertThat(wire.requestLatency()).isEqualTo(Duration.ofMillis(20));
        assertThat(wire.connectionLatency()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void aLatencyCannotBeNegative() {
        assertThatThrownBy(() -> new WireSettings(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> WireSettings.withRequestLatency(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itSaysWhatItAdds() {
        assertThat(WireSettings.withRequestLatency(Duration.ofMillis(5)))
                .hasToString("+5 ms per request, +10 ms per new connection");
        assertThat(new WireSettings(Duration.ofNanos(500_000), Duration.ZERO))
                .hasToString("+0.500 ms per request, +0 ms per new connection");
    }
}
