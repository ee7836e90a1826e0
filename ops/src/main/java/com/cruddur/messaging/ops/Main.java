package com.cruddur.messaging.ops;

import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code messaging-ops.jar}. Ends with {@code System.exit}: the exit status is the
 * command's contract, and a script reads it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Program.main(OpsCommands.DEFINITION, args));
    }
}
