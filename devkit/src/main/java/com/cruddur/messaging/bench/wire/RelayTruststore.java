package com.cruddur.messaging.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 truststore that holds the relay's certificate and nothing else: the only way a client
 * comes to trust the relay. It is never installed anywhere global; a JVM trusts it only when told:
 * a child JVM through {@link #jvmArguments()}, an in-process client through {@link #trustManagers()}.
 *
 * <p>The password is no secret: the file holds a public certificate only (the private key stays
 * in the relay's own keystore, whose password never leaves the relay's process), and a PKCS12
 * file needs one to be read by the JDK's default {@code javax.net.ssl} properties.
 */
public record RelayTruststore(Path path, String password) {

    public static final String TYPE = "PKCS12";

    /**
     * The system properties that make a child JVM trust the relay, and only the relay: they
     * replace the JDK's default trust store for that JVM, which is right for a JVM that talks to
     * the relay alone (the handler under the runtime interface client).
     */
    public List<String> jvmArguments() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + path.toAbsolutePath(),
                "-Djavax.net.ssl.trustStorePassword=" + password,
                "-Djavax.net.ssl.trustStoreType=" + TYPE);
    }

    /** Trust managers that trust the relay's certificate only, for a client in this JVM. */
    public TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the relay's truststore " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the relay's truststore " + path + " is not usable", e);
        }
    }

    /** A TLS context that trusts the relay only, for a raw client in this JVM. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context for the relay's truststore", e);
        }
    }

    @Override
    public String toString() {
        // Not a secret, but not a thing to print either.
        return "RelayTruststore[" + path + "]";
    }
}
