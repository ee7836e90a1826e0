package com.cruddur.messaging.bench.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 message off a stream, byte for byte as it came, so that the relay can
 * forward it unchanged: the head, then the body framed as RFC 9112 section 6 says (no body, a
 * {@code Content-Length}, {@code chunked} transfer coding, or for a response only, until the
 * connection closes).
 */
final class HttpMessages {

    /** A head over this size is not HTTP from an SDK: refuse it rather than buffer it. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Larger than any DynamoDB request or response (BatchGetItem answers at most 16 MB). */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    /** A message head: its bytes as read, its start line, its headers (names in lower case). */
    record Head(byte[] bytes, String startLine, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Whether the sender ends the connection after this message (HTTP/1.1 keeps it by default). */
        boolean closesConnection() {
            String connection = header("connection");
            boolean http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
            if (connection == null) {
                return http10;
            }
            String value = connection.toLowerCase(Locale.ROOT);
            return value.contains("close") || http10 && !value.contains("keep-alive");
        }

        boolean chunked() {
            String coding = header("transfer-encoding");
            return coding != null && coding.toLowerCase(Locale.ROOT).trim().endsWith("chunked");
        }

        /** The {@code Content-Length}, or -1 when there is none. */
        long contentLength() throws IOException {
            String value = header("content-length");
            if (value == null) {
                return -1;
            }
            try {
                long length = Long.parseLong(value.trim());
                if (length < 0 || length > MAX_BODY_BYTES) {
                    throw new IOException("Content-Length out of range: " + length);
                }
                return length;
            } catch (NumberFormatException e) {
                throw new IOException("Content-Length is not a number");
            }
        }

        /** The status code of a response head. */
        int status() throws IOException {
            String[] parts = startLine.split(" ", 3);
            try {
                return Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new IOException("not an HTTP status line");
            }
        }

        /** The method of a request head. */
        String method() {
            int space = startLine.indexOf(' ');
            return space < 0 ? startLine : startLine.substring(0, space);
        }
    }

    private HttpMessages() {
    }

    /**
     * Reads a head whose first byte was already read ({@code firstByte}), up to and including the
     * empty line that ends it.
     */
    static Head readHead(InputStream in, int firstByte) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        bytes.write(firstByte);
        int matched = firstByte == '\r' ? 1 : 0;
        // Ends at CRLF CRLF.
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a message head");
            }
            bytes.write(b);
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("message head over " + MAX_HEAD_BYTES + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        byte[] head = bytes.toByteArray();
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                // Repeated headers are one comma-separated list (RFC 9110 section 5.3).
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        return new Head(head, lines[0], headers);
    }

    /** Reads a request's body, as its head frames it: a request without framing has none. */
    static byte[] readRequestBody(InputStream in, Head head) throws IOException {
        if (head.chunked()) {
            return readChunked(in);
        }
        long length = head.contentLength();
        return length <= 0 ? new byte[0] : readExactly(in, length);
    }

    /**
     * Reads a response's body, as its head and the request's method frame it; a body framed by
     * neither length nor chunks runs until the connection closes ({@link #delimitedByClose}).
     */
    static byte[] readResponseBody(InputStream in, Head head, String requestMethod) throws IOException {
        int status = head.status();
        if (status / 100 == 1 || status == 204 || status == 304 || "HEAD".equals(requestMethod)) {
            return new byte[0];
        }
        if (head.chunked()) {
            return readChunked(in);
        }
        long length = head.contentLength();
        if (length >= 0) {
            return readExactly(in, length);
        }
        byte[] rest = in.readNBytes((int) MAX_BODY_BYTES);
        if (in.read() >= 0) {
            throw new IOException("response body over " + MAX_BODY_BYTES + " bytes");
        }
        return rest;
    }

    /** Whether a response with this head has a body that only the connection's end delimits. */
    static boolean delimitedByClose(Head response, String requestMethod) throws IOException {
        int status = response.status();
        return status / 100 != 1 && status != 204 && status != 304 && !"HEAD".equals(requestMethod)
                && !response.chunked() && response.contentLength() < 0;
    }

    private static byte[] readExactly(InputStream in, long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("connection closed after " + body.length + " of " + length + " body bytes");
        }
        return body;
    }

    /** The chunks, their size lines, the last chunk and the trailer section, bytes as read. */
    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, body);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("chunk size is not a hexadecimal number");
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body over " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                // Trailer fields, then the empty line that ends the message.
                while (!readLine(in, body).isEmpty()) {
                    // kept as read
                }
                return body.toByteArray();
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(data);
            if (!readLine(in, body).isEmpty()) {
                throw new IOException("chunk data longer than its size");
            }
        }
    }

    /** Reads one CRLF-terminated line, copying its bytes to {@code copy}; returns it without the CRLF. */
    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            copy.write(b);
            if (previous == '\r' && b == '\n') {
                line.setLength(line.length() - 1);
                return line.toString();
            }
            if (line.length() > MAX_HEAD_BYTES) {
                throw new IOException("chunk line over " + MAX_HEAD_BYTES + " bytes");
            }
            line.append((char) b);
            previous = b;
        }
    }
}
