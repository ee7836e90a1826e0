package com.cruddur.messaging.bench.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Messages read off a stream exactly as framed: no byte more (the next message's), no byte less. */
class HttpMessagesTest {

    private static final String PUT = "POST / HTTP/1.1\r\n"
            + "Host: localhost:8443\r\n"
            + "X-Amz-Target: DynamoDB_20120810.PutItem\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "Content-Length: 17\r\n"
            + "\r\n"
            + "{\"TableName\":\"t\"}";

    @Test
    void aRequestWithALengthEndsWhereItsBodyEnds() throws IOException {
        InputStream in = stream(PUT + PUT.replace("PutItem", "GetItem"));
        HttpMessages.Head first = HttpMessages.readHead(in, in.read());
        byte[] body = HttpMessages.readRequestBody(in, first);

        assertThat(new String(first.bytes(), ISO_8859_1) + new String(body, ISO_8859_1)).isEqualTo(PUT);
        assertThat(first.header("X-AMZ-TARGET")).isEqualTo("DynamoDB_20120810.PutItem");
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.closesConnection()).isFalse();
        // The next request is still on the stream, whole.
        HttpMessages.Head second = HttpMessages.readHead(in, in.read());
        assertThat(second.header("x-amz-target")).isEqualTo("DynamoDB_20120810.GetItem");
        assertThat(new String(HttpMessages.readRequestBody(in, second), ISO_8859_1)).isEqualTo("{\"TableName\":\"t\"}");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aChunkedResponseIsReadWithItsExtensionsAndTrailers() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        String body = "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 1\r\n\r\n";
        InputStream in = stream(head + body + "NEXT");
        HttpMessages.Head response = HttpMessages.readHead(in, in.read());

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(HttpMessages.readResponseBody(in, response, "POST"), ISO_8859_1)).isEqualTo(body);
        assertThat(HttpMessages.delimitedByClose(response, "POST")).isFalse();
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void responsesWithoutABodyReadNone() throws IOException {
        InputStream noContent = stream("HTTP/1.1 204 No Content\r\n\r\nNEXT");
        HttpMessages.Head head = HttpMessages.readHead(noContent, noContent.read());
        assertThat(HttpMessages.readResponseBody(noContent, head, "POST")).isEmpty();
        assertThat(new String(noContent.readAllBytes(), ISO_8859_1)).isEqualTo("NEXT");

        // A HEAD's response announces a length it does not send.
        InputStream toHead = stream("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\nNEXT");
        HttpMessages.Head headResponse = HttpMessages.readHead(toHead, toHead.read());
        assertThat(HttpMessages.readResponseBody(toHead, headResponse, "HEAD")).isEmpty();
        assertThat(new String(toHead.readAllBytes(), ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void aResponseWithoutFramingRunsUntilTheConnectionCloses() throws IOException {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of the rest");
        HttpMessages.Head head = HttpMessages.readHead(in, in.read());
        assertThat(HttpMessages.delimitedByClose(head, "POST")).isTrue();
        assertThat(new String(HttpMessages.readResponseBody(in, head, "POST"), ISO_8859_1)).isEqualTo("all of the rest");
    }

    @Test
    void connectionCloseAndHttp10EndTheConnection() throws IOException {
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").closesConnection()).isTrue();
        assertThat(head("HTTP/1.0 200 OK\r\n\r\n").closesConnection()).isTrue();
        assertThat(head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").closesConnection()).isFalse();
        assertThat(head("POST / HTTP/1.1\r\nConnection: Keep-Alive\r\n\r\n").closesConnection()).isFalse();
    }

    @Test
    void repeatedHeadersAreOneList() throws IOException {
        assertThat(head("HTTP/1.1 200 OK\r\nVia: a\r\nvia: b\r\n\r\n").header("Via")).isEqualTo("a, b");
    }

    @Test
    void aTruncatedMessageIsAnError() {
        InputStream shortBody = stream("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345");
        assertThatThrownBy(() -> HttpMessages.readRequestBody(shortBody, HttpMessages.readHead(shortBody, shortBody.read())))
                .isInstanceOf(IOException.class).hasMessageContaining("5 of 10");

        InputStream shortHead = stream("POST / HTTP/1.1\r\nHost: x\r\n");
        assertThatThrownBy(() -> HttpMessages.readHead(shortHead, shortHead.read()))
                .isInstanceOf(IOException.class).hasMessageContaining("inside a message head");
    }

    @Test
    void aHeadWithoutEndIsRefusedAtItsLimit() {
        InputStream endless = stream("GET / HTTP/1.1\r\nX: " + "a".repeat(HttpMessages.MAX_HEAD_BYTES) + "\r\n\r\n");
        assertThatThrownBy(() -> HttpMessages.readHead(endless, endless.read()))
                .isInstanceOf(IOException.class).hasMessageContaining("over " + HttpMessages.MAX_HEAD_BYTES);
    }

    @Test
    void aBadLengthIsAnError() {
        assertThatThrownBy(() -> head("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n").contentLength())
                .isInstanceOf(IOException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> head("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n").contentLength())
                .isInstanceOf(IOException.class).hasMessageContaining("out of range");
    }

    private static HttpMessages.Head head(String text) throws IOException {
        InputStream in = stream(text);
        return HttpMessages.readHead(in, in.read());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(ISO_8859_1));
    }
}
