package com.cruddur.messaging.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command (watch, say) running in another thread, its output readable while it runs. */
public final class BackgroundCli {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit;

    public BackgroundCli(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        exit = CompletableFuture.supplyAsync(() -> LocalCommands.run(args, o, e));
    }

    public String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until standard output contains the text, and returns it. */
    public String awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!out().contains(text)) {
            if (System.nanoTime() > deadline || exit.isDone()) {
                throw new AssertionError("the command did not print '" + text + "':\n" + out() + err());
            }
            Thread.sleep(50);
        }
        return out();
    }

    public int awaitExit() throws Exception {
        return exit.get(60, TimeUnit.SECONDS);
    }
}
