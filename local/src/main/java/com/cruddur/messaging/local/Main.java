package com.cruddur.messaging.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code messaging-local.jar}. Always ends with {@code System.exit}: DynamoDB Local
 * can leave non-daemon threads behind, and the exit status is the command's contract.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            muteSlf4jStartupWarning();
            Style style = StandardCharsets.UTF_8.equals(System.out.charset()) ? Style.UNICODE : Style.ASCII;
            code = Program.run(LocalCommands.DEFINITION, args, System.out, System.err, style);
        } catch (Throwable e) {
            // An Error (a broken class path, say) must still end the process: without the exit
            // below, DynamoDB Local's threads would keep it running.
            System.err.println(LocalCommands.PROGRAM + ": unexpected error (a bug; please report it with this trace): " + e);
            e.printStackTrace();
            code = ExitCode.BUG.code();
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * The AWS SDK and DynamoDB Local log through SLF4J 1.7, which has no binding in the jar (the
     * CLI wants none of their logging) and says so in three lines on standard error the first
     * time anything logs. Initialise it once with standard error muted instead.
     */
    private static void muteSlf4jStartupWarning() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // No SLF4J on the class path: nothing to mute.
        } finally {
            System.setErr(err);
        }
    }
}
