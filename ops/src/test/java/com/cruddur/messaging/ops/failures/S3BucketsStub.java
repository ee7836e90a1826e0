package com.cruddur.messaging.ops.failures;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two S3 requests that find a stack's bucket, ListBuckets and GetBucketTagging, answered in S3's
 * own wire format (REST XML, S3 API reference) from a loopback HTTP server. Only for what no local
 * S3 server does: s3proxy answers GetBucketTagging with NotImplemented. The responses are complete
 * documents as S3 sends them; every request is kept for the test to look at.
 */
public final class S3BucketsStub implements AutoCloseable {

    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final HttpServer server;
    /** Bucket name to its tags; null tags: the bucket has none (S3 answers NoSuchTagSet). */
    private final Map<String, Map<String, String>> buckets = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    public S3BucketsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** A bucket ListBuckets returns (whatever the prefix asked: s3proxy ignores it too), with its tags or none. */
    public S3BucketsStub bucket(String name, Map<String, String> tags) {
        buckets.put(name, tags);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request, as "GET /path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        exchange.getRequestBody().readAllBytes();
        String bucket = path.replaceAll("^/+|/+$", "");
        if (bucket.isEmpty()) {
            respond(exchange, 200, listBuckets(query));
        } else if (query != null && query.startsWith("tagging") && buckets.containsKey(bucket)) {
            Map<String, String> tags = buckets.get(bucket);
            respond(exchange, tags == null ? 404 : 200, tags == null ? error("NoSuchTagSet", "The TagSet does not exist", bucket)
                    : tagging(tags));
        } else {
            respond(exchange, 404, error("NoSuchBucket", "The specified bucket does not exist", bucket));
        }
    }

    private String listBuckets(String query) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult xmlns=\"")
                .append(NS).append("\"><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>"
                        + "<DisplayName>ops</DisplayName></Owner><Buckets>");
        for (String name : buckets.keySet()) {
            xml.append("<Bucket><Name>").append(name).append("</Name><CreationDate>2026-11-01T00:00:00.000Z</CreationDate>"
                    + "<BucketRegion>us-east-1</BucketRegion></Bucket>");
        }
        xml.append("</Buckets>");
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("prefix=")) {
                    xml.append("<Prefix>").append(parameter.substring("prefix=".length())).append("</Prefix>");
                }
            }
        }
        return xml.append("</ListAllMyBucketsResult>").toString();
    }

    private static String tagging(Map<String, String> tags) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging xmlns=\"").append(NS)
                .append("\"><TagSet>");
        tags.forEach((key, value) -> xml.append("<Tag><Key>").append(key).append("</Key><Value>").append(value)
                .append("</Value></Tag>"));
        return xml.append("</TagSet></Tagging>").toString();
    }

    private static String error(String code, String message, String bucket) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><BucketName>" + bucket + "</BucketName><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>vTV6kYGmu0nVNmNIpEuNdiMTJCpgwbafn1JVhXr3YDQqSdcgm4SzEVPc0+OzoQ4CsV7tHanXoI0=</HostId></Error>";
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.getResponseHeaders().add("x-amz-request-id", "4442587FB7D0A2F9");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
