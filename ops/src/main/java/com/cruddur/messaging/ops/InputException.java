package com.cruddur.messaging.ops;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    /**
     * Reads an input file.
     *
     * @throws InputException naming the file and why it cannot be read
     */
    public static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException(file, "is a directory, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(file, "cannot read (permission denied)");
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + Style.firstLine(e.getMessage()) + ")");
        }
    }
}
