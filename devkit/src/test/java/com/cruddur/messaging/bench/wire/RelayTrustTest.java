package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Who trusts the relay: its certificate names localhost and 127.0.0.1, its truststore holds that
 * certificate alone, a client told to trust it (in this JVM, or a child JVM through the system
 * properties) completes the handshake, and a client that was not told fails it.
 */
class RelayTrustTest {

    private static LocalDynamoDb dynamoDb;
    private static WireRelay relay;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.NONE);
    }

    @AfterAll
    static void stop() {
        relay.close();
        dynamoDb.close();
    }

    @Test
    void theCertificateNamesLocalhostAndItsAddress() throws Exception {
        X509Certificate certificate = relay.certificate();
        List<List<?>> names = new ArrayList<>(certificate.getSubjectAlternativeNames());

        // GeneralName types of RFC 5280: 2 is a DNS name, 7 an IP address.
        assertThat(names).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        certificate.checkValidity();
    }

    @Test
    void theTruststoreHoldsTheCertificateAndNoKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(relay.truststore().path())) {
            store.load(in, relay.truststore().password().toCharArray());
        }
        List<String> aliases = Collections.list(store.aliases());

        assertThat(aliases).singleElement().satisfies(alias -> {
            assertThat(store.isCertificateEntry(alias)).isTrue();
            assertThat(store.isKeyEntry(alias)).isFalse();
            assertThat(store.getCertificate(alias)).isEqualTo(relay.certificate());
        });
        assertThat(relay.truststore().toString()).doesNotContain(relay.truststore().password());
    }

    @Test
    void aClientToldToTrustItConnectsByNameAndByAddress() {
        URI byAddress = URI.create("https://127.0.0.1:" + relay.port());
        try (DynamoDbClient byName = relay.clientBuilder().build();
             DynamoDbClient byIp = relay.clientBuilder().endpointOverride(byAddress).build()) {
            assertThat(byName.listTables().tableNames()).isNotNull();
            assertThat(byIp.listTables().tableNames()).isNotNull();
        }
    }

    @Test
    void aClientNotToldToTrustItFailsTheHandshake() {
        relay.reset();
        // The JDK's own trust anchors, no retries: one attempt, one handshake.
        try (DynamoDbClient untrusting = LocalDynamoDb.clientBuilder(relay.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            assertThatThrownBy(untrusting::listTables)
                    .isInstanceOf(SdkClientException.class)
                    .hasRootCauseInstanceOf(CertPathBuilderException.class)
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
        }
        WireTimeline timeline = relay.takeTimeline();
        assertThat(timeline.connections()).singleElement().satisfies(c -> assertThat(c.handshakeCompleted()).isFalse());
        assertThat(timeline.requests()).isEmpty();
    }

    @Test
    void aChildJvmTrustsItOnlyWithTheTruststoreArguments(@TempDir Path directory) throws Exception {
        Path probe = directory.resolve("Probe.java");
        Files.writeString(probe, PROBE);
        relay.reset();

        Result trusted = runChild(probe, relay.truststore().jvmArguments());
        Result untrusted = runChild(probe, List.of());

        assertThat(trusted.exit()).as(trusted.output()).isZero();
        assertThat(trusted.output()).startsWith("HTTP ");
        assertThat(untrusted.exit()).as(untrusted.output()).isEqualTo(3);
        WireTimeline timeline = relay.takeTimeline();
        assertThat(timeline.requests()).extracting(RequestSpan::target).containsExactly("DynamoDB_20120810.ListTables");
        assertThat(timeline.handshakesCompleted()).isEqualTo(1);
        assertThat(timeline.connectionsAccepted()).isEqualTo(2);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private record Result(int exit, String output) {
    }

    private static Result runChild(Path probe, List<String> jvmArguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add(probe.toString());
        command.add(relay.endpoint().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** A child JVM's client: one DynamoDB request over HTTPS with the JVM's default trust. */
    private static final String PROBE = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import javax.net.ssl.SSLHandshakeException;

            public class Probe {
                public static void main(String[] args) throws Exception {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                            .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build();
                    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                        System.out.println("HTTP " + client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (SSLHandshakeException e) {
                        System.out.println("handshake failed");
                        System.exit(3);
                    }
                }
            }
            """;
}
