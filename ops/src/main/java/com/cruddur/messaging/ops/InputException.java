package com.cruddur.messaging.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An input file the CLI cannot use; the message names the file, then the problem, on one printable
 * line (a parser's message quotes the input, which may hold control characters: {@link Style#printable}).
 * Exit status 2.
 */
public final class InputException extends CliException {

    private static final long serialVersionUID = 1L;

    public InputException(Path file, String problem) {
        super(ExitCode.BAD_INPUT, Style.printable(file + ": " + problem));
    }

    public InputException(String message) {
        super(ExitCode.BAD_INPUT, Style.printable(message));
    }

    /**
     * An input file's content as text: JSON is exchanged in UTF-8 (RFC 8259), and a byte sequence that
     * is not UTF-8 is refused rather than replaced, since another reader of the same bytes (Lambda's
     * serializer) would replace it differently.
     *
     * @param source the file, as named in the message
     * @throws InputException naming the source and the first byte that is not UTF-8
     */
    public static String utf8(String source, byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InputException(source + ": not UTF-8 text (JSON is UTF-8): byte " + in.position()
                    + " begins no UTF-8 character");
        }
        decoder.flush(out);
        return out.flip().toString();
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
