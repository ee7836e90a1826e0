/**
 * The benchmark's model of AWS's wire (issue 19): {@link com.cruddur.messaging.bench.wire.WireRelay},
 * a TLS-terminating relay in front of DynamoDB Local that adds a latency per request and per new
 * connection and records a request timeline; {@link com.cruddur.messaging.bench.wire.CriticalPath},
 * the round trips a batch waited for, computed from it; and
 * {@link com.cruddur.messaging.bench.wire.RelayOverhead}, what the relay itself costs per request.
 *
 * <p>A batch through the relay, in outline:
 * <pre>{@code
 * try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.defaults())) {
 *     // the handler's JVM: relay.truststore().jvmArguments(), DynamoDB endpoint relay.endpoint()
 *     relay.reset();
 *     ... invoke the handler with one batch ...
 *     WireTimeline batch = relay.takeTimeline();
 *     batch.criticalPath().roundTrips();   // round trips on the critical path
 *     batch.connectionsAccepted();         // TLS handshakes
 * }
 * }</pre>
 *
 * <p>Lives in the devkit module until the {@code bench} module exists; the package stays.
 */
package com.cruddur.messaging.bench.wire;
