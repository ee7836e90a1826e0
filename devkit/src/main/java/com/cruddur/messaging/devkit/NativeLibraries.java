package com.cruddur.messaging.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Makes sqlite4java's native libraries, bundled as resources of this module, loadable by
 * DynamoDB Local: extracts them once per JVM into a temporary directory and points
 * {@code sqlite4java.library.path} at it. A path set by the user is left alone.
 */
final class NativeLibraries {

    private static final String PROPERTY = "sqlite4java.library.path";
    private static final String RESOURCE_DIR = "/sqlite4java-natives/";
    private static final List<String> LIBRARIES = List.of(
            "libsqlite4java-linux-amd64-1.0.392.so",
            "libsqlite4java-osx-1.0.392.dylib",
            "sqlite4java-win32-x64-1.0.392.dll");

    private NativeLibraries() {
    }

    static synchronized void configureSqlite() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("sqlite4java-");
            dir.toFile().deleteOnExit();
            for (String name : LIBRARIES) {
                try (InputStream in = NativeLibraries.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        continue;
                    }
                    Path file = dir.resolve(name);
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    file.toFile().deleteOnExit();
                }
            }
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract sqlite4java's native libraries for DynamoDB Local", e);
        }
    }
}
