package com.cruddur.messaging.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of the CLI with its output captured.
 *
 * @param code the exit status
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int code, String out, String err) {

    /** Sample files, relative to the module directory the tests run in. */
    public static final String EVENTS = "../events/";

    public static final String ANDREW = "90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11";
    public static final String BAYKO = "2f6a8f0e-5b1c-4c3e-8d7a-1b2c3d4e5f60";
    public static final String LONDO = "c7d8e9f0-1a2b-4c3d-9e8f-7a6b5c4d3e2f";
    /** Andrew and Bayko. */
    public static final String G1 = "5ae290ed-55d1-47a0-bc6d-fe2bc2700399";
    /** Andrew and Londo. */
    public static final String G2 = "8e1f0c3a-6b7d-4e2f-a1c9-3d5e7f9b1a24";
    /** Bayko and Londo. */
    public static final String G3 = "f3a9c1e7-2d4b-4f6a-8c0e-9b1d3f5a7c92";

    public static CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = LocalCommands.run(args, o, e);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
