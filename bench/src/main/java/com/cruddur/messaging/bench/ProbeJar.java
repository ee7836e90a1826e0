package com.cruddur.messaging.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The cold-start probe's own class path: a jar of just the probe and the Lambda runtime's
 * serializer, cut from the benchmarks' jar, so that the probe JVM's class path holds what Lambda's
 * would: the deployment jar and the runtime. (The whole benchmarks' jar would add DynamoDB Local's
 * SDK modules, whose global interceptors the SDK would load.)
 */
final class ProbeJar {

    /** Entries of the CLI jar the probe JVM needs: the probe and Lambda's runtime serializer. */
    private static final List<String> PROBE_ENTRIES = List.of(
            ColdStartProbe.class.getName().replace('.', '/'),
            "com/amazonaws/services/lambda/runtime/serialization/",
            "com/amazonaws/lambda/thirdparty/",
            "META-INF/services/com.amazonaws.lambda.thirdparty.");

    /**
     * A jar of just the probe and the runtime's serializer, cut from the CLI jar, so that the probe
     * JVM's class path holds what Lambda's would: the deployment jar and the runtime. (The whole CLI
     * jar would add DynamoDB Local's SDK modules, whose global interceptors the SDK would load.)
     */
    /** The probe's jar, a temporary file deleted when this JVM exits. */
    static Path cut() {
        Path cliJar = selfJar();
        try {
            Path probe = Files.createTempFile("coldstart-probe-", ".jar");
            probe.toFile().deleteOnExit();
            try (var in = new ZipFile(cliJar.toFile());
                 var out = new ZipOutputStream(Files.newOutputStream(probe))) {
                for (var entries = in.entries(); entries.hasMoreElements(); ) {
                    var entry = entries.nextElement();
                    if (!entry.isDirectory() && PROBE_ENTRIES.stream().anyMatch(entry.getName()::startsWith)) {
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        try (var data = in.getInputStream(entry)) {
                            data.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
            return probe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path selfJar() {
        try {
            return Path.of(ColdStartCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProbeJar() {
    }
}
