package com.cruddur.messaging.local;

import java.nio.file.Path;

/** An input file the CLI cannot use; the message names the file, then the problem. Exit status 2. */
public final class InputException extends CliException {

    private static final long serialVersionUID = 1L;

    public InputException(Path file, String problem) {
        super(ExitCode.BAD_INPUT, file + ": " + problem);
    }

    public InputException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
