package com.cruddur.messaging.bench;

import com.cruddur.messaging.bench.wire.WireSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of {@code bench --wire}:
 * <ul>
 *   <li>{@code loopback}: no relay; the handler in the benchmark's own JVM, on DynamoDB Local's plain
 *       HTTP (the figures of the DynamoDB Local tables);</li>
 *   <li>{@code tls,Nms}: the deployment jar under the runtime interface client in a child JVM,
 *       through the TLS relay, N ms added per request and two round trips (2 × N ms) per new
 *       connection ({@link WireSettings#withRequestLatency});</li>
 *   <li>{@code tls,Nms,connect=Mms}: the same with M ms per new connection instead.</li>
 * </ul>
 * {@code tls,0ms} is the relay with nothing added: DynamoDB Local's own time, with round trips
 * and handshakes counted.
 */
final class WireOption {

    static final String GRAMMAR = "loopback | tls,Nms | tls,Nms,connect=Mms";
    private static final Pattern TLS = Pattern.compile("tls,(\\d{1,4})ms(?:,connect=(\\d{1,4})ms)?");

    private WireOption() {
    }

    /** The modelled wire, or none for {@code loopback}; an {@link IllegalArgumentException} names what is wrong. */
    static Optional<WireSettings> parse(String spec) {
        String value = spec.strip().toLowerCase(Locale.ROOT);
        if (value.equals("loopback")) {
            return Optional.empty();
        }
        Matcher m = TLS.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("option --wire: '" + spec + "' is not " + GRAMMAR + " (e.g. tls,5ms)");
        }
        Duration request = Duration.ofMillis(Integer.parseInt(m.group(1)));
        return Optional.of(m.group(2) == null ? WireSettings.withRequestLatency(request)
                : new WireSettings(request, Duration.ofMillis(Integer.parseInt(m.group(2)))));
    }
}
