package com.cruddur.messaging.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The relay's TLS identity: a self-signed RSA 2048 certificate for {@code localhost} and
 * {@code 127.0.0.1} (subject alternative names, which is what a client checks the host name
 * against) made by the JDK's own {@code keytool} at start, so no certificate library is needed.
 * RSA 2048 with SHA-256, a common server key. A client's handshake here verifies one self-signed
 * certificate where on AWS it verifies a chain issued by Amazon Trust Services (DynamoDB Developer
 * Guide, "Troubleshooting SSL/TLS connection establishment issues"): the handshake CPU measured
 * through the relay is a lower bound. Valid for two days: a throwaway for one run.
 *
 * <p>Two files in a new temporary directory, private to the user (the owner-only permissions of
 * {@link Files#createTempDirectory} on POSIX) and removed by {@link #close()}: {@code relay-key.p12},
 * the key pair, whose password keytool gets through its environment (never on a command line), and
 * {@code relay-trust.p12}, the certificate alone ({@link RelayTruststore}).
 */
final class RelayCertificate implements AutoCloseable {

    static final String ALIAS = "wire-relay";
    static final String SUBJECT_ALTERNATIVE_NAMES = "dns:localhost,ip:127.0.0.1";
    private static final String PASSWORD_VARIABLE = "WIRE_RELAY_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final X509Certificate certificate;
    private final SSLContext serverContext;
    private final RelayTruststore truststore;

    private RelayCertificate(Path directory, X509Certificate certificate, SSLContext serverContext,
                             RelayTruststore truststore) {
        this.directory = directory;
        this.certificate = certificate;
        this.serverContext = serverContext;
        this.truststore = truststore;
    }

    /** Makes a new key pair and certificate in a new private directory, and the truststore beside them. */
    static RelayCertificate create() {
        Path directory;
        try {
            directory = Files.createTempDirectory("wire-relay-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the relay's certificate", e);
        }
        Path keyStore = directory.resolve("relay-key.p12");
        try {
            String keyPassword = randomPassword();
            runKeytool(keyStore, keyPassword);
            KeyStore keys = load(keyStore, keyPassword);
            X509Certificate certificate = (X509Certificate) keys.getCertificate(ALIAS);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPassword.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return new RelayCertificate(directory, certificate, context, writeTruststore(directory, certificate));
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("cannot read the relay's keystore " + keyStore, e);
        } catch (GeneralSecurityException e) {
            delete(directory);
            throw new IllegalStateException("the relay's keystore " + keyStore + " is not usable", e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    SSLContext serverContext() {
        return serverContext;
    }

    RelayTruststore truststore() {
        return truststore;
    }

    /** Removes the key, the certificate and the truststore. */
    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Left behind: a throwaway key for a certificate that nothing trusts, in a private directory.
        }
    }

    private static void runKeytool(Path keyStore, String password) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "2",
                "-dname", "CN=localhost, OU=wire relay, O=cruddur-messaging-stream bench",
                "-ext", "SAN=" + SUBJECT_ALTERNATIVE_NAMES, "-ext", "EKU=serverAuth",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:env", PASSWORD_VARIABLE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        try {
            Process process = builder.start();
            // Read its output whole (it is short) so that a full pipe never blocks it.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(keyStore)) {
                throw new IllegalStateException("keytool could not make the relay's certificate (exit "
                        + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool + " (the JDK's keytool)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool made the relay's certificate", e);
        }
    }

    private static RelayTruststore writeTruststore(Path directory, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        Path path = directory.resolve("relay-trust.p12");
        String password = randomPassword();
        KeyStore trust = KeyStore.getInstance(RelayTruststore.TYPE);
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        try (OutputStream out = Files.newOutputStream(path)) {
            trust.store(out, password.toCharArray());
        }
        return new RelayTruststore(path, password);
    }

    private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(RelayTruststore.TYPE);
            store.load(in, password.toCharArray());
            return store;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
