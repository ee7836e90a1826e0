package com.cruddur.messaging.devkit;

import com.cruddur.messaging.schema.LocalServices;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;

/**
 * An S3-compatible server, s3proxy on jclouds' in-memory ("transient") blob store, started in this
 * JVM on a free loopback port: the local stand-in for the failure destination's bucket, as
 * DynamoDB Local is for the table. Only {@code watch} and the tests load this class (and with it
 * s3proxy, jclouds and their Jetty); the ops tool never contains it.
 *
 * <p>It checks request signatures (V2 or V4) with the local services' credentials
 * ({@link LocalServices}), as S3 would with real ones, so the tools' S3 clients are exercised as
 * they are against AWS.
 */
public final class LocalS3 implements AutoCloseable {

    private final BlobStoreContext blobs;
    private final S3Proxy server;
    private final URI endpoint;

    private LocalS3(BlobStoreContext blobs, S3Proxy server, URI endpoint) {
        this.blobs = blobs;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts a fresh, empty server on a free loopback port. */
    public static LocalS3 start() {
        return Muted.during(() -> {
            // By its API metadata rather than the provider id "transient": a lookup by id loads every
            // provider on the class path, and this build leaves out those s3proxy does not need here.
            BlobStoreContext blobs = ContextBuilder.newBuilder(new TransientApiMetadata())
                    .build(BlobStoreContext.class);
            S3Proxy server = S3Proxy.builder()
                    .blobStore(blobs.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalServices.ACCESS_KEY_ID,
                            LocalServices.SECRET_ACCESS_KEY)
                    .build();
            try {
                server.start();
            } catch (Exception e) {
                blobs.close();
                throw new IllegalStateException("s3proxy did not start: " + e.getMessage(), e);
            }
            return new LocalS3(blobs, server, URI.create("http://127.0.0.1:" + server.getPort()));
        });
    }

    /** The HTTP endpoint, for example {@code http://127.0.0.1:41237}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping on the way out: nothing left to do with it.
        } finally {
            blobs.close();
        }
    }
}
