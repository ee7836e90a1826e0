package com.cruddur.messaging.devkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a start-up that prints what a command's user must not see (a server's banner, a library's
 * warnings) with standard output and standard error sent nowhere. Standard output is the commands'
 * report (and {@code scan}'s data), standard error their problems; failures still arrive as
 * exceptions. One at a time: the streams are the process's.
 */
public final class Muted {

    private Muted() {
    }

    /** Runs {@code startUp} with both standard streams sent nowhere, and returns what it returned. */
    public static synchronized <T> T during(Supplier<T> startUp) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        try {
            return startUp.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
