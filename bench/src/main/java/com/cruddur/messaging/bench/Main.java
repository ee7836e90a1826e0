package com.cruddur.messaging.bench;

import com.cruddur.messaging.ops.Program;

/**
 * Entry point of {@code messaging-bench.jar}. Always ends with {@code System.exit}: DynamoDB Local
 * can leave non-daemon threads behind, and the exit status is the command's contract.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Program.main(BenchCommands.DEFINITION, args));
    }
}
