package com.cruddur.messaging.bench.wire;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * One client connection's plain-HTTP connection to the upstream (DynamoDB Local), kept alive
 * between its requests as the client's own is: the relay pairs them one to one, so that the
 * upstream sees as many connections as the client opened, and no pool is shared between them.
 */
final class UpstreamConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    /** A response, bytes as the upstream sent them, and whether the connection ends after it. */
    record Exchange(byte[] response, boolean closesConnection) {
    }

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    UpstreamConnection(URI upstream) {
        this.address = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    }

    /**
     * Sends a request and reads its response. A kept-alive connection the upstream closed while
     * idle fails before any byte of a response: that request was never read, so it is sent once
     * more on a new connection (as HTTP clients do); any other failure is the caller's.
     */
    Exchange exchange(byte[] requestHead, byte[] requestBody, String method) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            open();
        }
        int first;
        try {
            out.write(requestHead);
            out.write(requestBody);
            out.flush();
            first = in.read();
            if (first < 0) {
                throw new EOFException("upstream closed the connection before responding");
            }
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(requestHead, requestBody, method);
        }
        try {
            return readResponse(first, method);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Exchange readResponse(int firstByte, String method) throws IOException {
        HttpMessages.Head head = HttpMessages.readHead(in, firstByte);
        // Interim responses (100 Continue) are not forwarded: the relay answered the client's
        // Expect itself before it read the body.
        while (head.status() / 100 == 1 && head.status() != 101) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("upstream closed the connection after an interim response");
            }
            head = HttpMessages.readHead(in, next);
        }
        byte[] body = HttpMessages.readResponseBody(in, head, method);
        byte[] response = new byte[head.bytes().length + body.length];
        System.arraycopy(head.bytes(), 0, response, 0, head.bytes().length);
        System.arraycopy(body, 0, response, head.bytes().length, body.length);
        boolean closes = head.closesConnection() || HttpMessages.delimitedByClose(head, method);
        if (closes) {
            close();
        }
        return new Exchange(response, closes);
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a connection that is gone: nothing left to release.
            }
            socket = null;
        }
    }
}
