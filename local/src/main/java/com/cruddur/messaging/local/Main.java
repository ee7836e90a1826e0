package com.cruddur.messaging.local;

import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code messaging-local.jar}. Always ends with {@code System.exit}: DynamoDB Local
 * can leave non-daemon threads behind, and the exit status is the command's contract.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Style style = StandardCharsets.UTF_8.equals(System.out.charset()) ? Style.UNICODE : Style.ASCII;
        int code = Cli.run(args, System.out, System.err, style);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
