package com.cruddur.messaging.local.ops.doctor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub of the AWS services no local server exists for, on a free loopback port: complete
 * responses in each service's own wire format, shaped as their API references document them, for
 * the real SDK clients to parse. One port serves them all, told apart as the protocols tell them:
 * <ul>
 *   <li>KMS, JSON 1.1: {@code POST /}, {@code X-Amz-Target: TrentService.DescribeKey};</li>
 *   <li>DynamoDB, JSON 1.0: {@code X-Amz-Target: DynamoDB_20120810.DescribeTable} (for a table with a
 *       customer managed key's SSE description, which DynamoDB Local cannot create);</li>
 *   <li>Lambda, REST-JSON: {@code GET /2015-03-31/event-source-mappings/?EventSourceArn=...};</li>
 *   <li>CloudFormation, query protocol with XML responses: {@code POST /} with a form body
 *       {@code Action=DescribeStacks&StackName=...}; a stack that does not exist is the
 *       {@code ValidationError} CloudFormation answers.</li>
 * </ul>
 * Anything else is a 400 naming what was not understood. Every request is recorded.
 */
final class AwsWireStub implements AutoCloseable {

    /**
     * A request the stub received.
     *
     * @param service   KMS, DynamoDB, Lambda, CloudFormation or ?
     * @param operation the operation, such as DescribeKey
     * @param subject   what it asked about: the key, table, stream or stack
     */
    record Request(String service, String operation, String subject) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> stacks = new ConcurrentHashMap<>();
    private final Map<String, List<String>> mappings = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> deniedKeys = new ConcurrentHashMap<>();
    private final Map<String, String> tables = new ConcurrentHashMap<>();

    private AwsWireStub(HttpServer server) {
        this.server = server;
    }

    static AwsWireStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsWireStub stub = new AwsWireStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Forgets every answer and request. */
    void reset() {
        requests.clear();
        stacks.clear();
        mappings.clear();
        keys.clear();
        deniedKeys.clear();
        tables.clear();
    }

    /** A stack, as a {@code <member>} of DescribeStacks' {@code <Stacks>}. */
    void stack(String name, String status, Map<String, String> outputs, String account) {
        StringBuilder xml = new StringBuilder()
                .append("<member><StackId>arn:aws:cloudformation:eu-west-1:").append(account).append(":stack/").append(name)
                .append("/5b1c9a20-d07c-11f0-8f5e-0a1b2c3d4e5f</StackId><StackName>").append(name).append("</StackName>")
                .append("<CreationTime>2026-01-05T10:15:30.123Z</CreationTime><StackStatus>").append(status)
                .append("</StackStatus><DisableRollback>false</DisableRollback><Outputs>");
        outputs.forEach((key, value) -> xml.append("<member><OutputKey>").append(key).append("</OutputKey><OutputValue>")
                .append(value).append("</OutputValue></member>"));
        stacks.put(name, xml.append("</Outputs></member>").toString());
    }

    /** The mappings of a stream, each an EventSourceMappingConfiguration. */
    void mappings(String streamArn, List<Map<String, String>> each) {
        List<String> json = new ArrayList<>();
        for (Map<String, String> mapping : each) {
            json.add("""
                    {"UUID":"%s","BatchSize":100,"MaximumBatchingWindowInSeconds":0,"ParallelizationFactor":1,
                     "EventSourceArn":"%s","FunctionArn":"%s","LastModified":1.7647776E9,"LastProcessingResult":"OK",
                     "State":"%s","StateTransitionReason":"USER_INITIATED","StartingPosition":"TRIM_HORIZON",
                     "DestinationConfig":{"OnFailure":{}},"MaximumRecordAgeInSeconds":3600,"BisectBatchOnFunctionError":true,
                     "MaximumRetryAttempts":5,"TumblingWindowInSeconds":0,"FunctionResponseTypes":["ReportBatchItemFailures"]}"""
                    .formatted(mapping.get("UUID"), streamArn, mapping.get("FunctionArn"), mapping.get("State")));
        }
        mappings.put(streamArn, json);
    }

    /** A key as DescribeKey describes it. */
    void key(String arn, String keyManager, String keyState) {
        String id = arn.substring(arn.indexOf("key/") + 4);
        keys.put(arn, """
                {"KeyMetadata":{"AWSAccountId":"111111111111","Arn":"%s","CreationDate":1.499988169234E9,
                 "CustomerMasterKeySpec":"SYMMETRIC_DEFAULT","Description":"","Enabled":%s,
                 "EncryptionAlgorithms":["SYMMETRIC_DEFAULT"],"KeyId":"%s","KeyManager":"%s","KeySpec":"SYMMETRIC_DEFAULT",
                 "KeyState":"%s","KeyUsage":"ENCRYPT_DECRYPT","MultiRegion":false,"Origin":"AWS_KMS"}}"""
                .formatted(arn, "Enabled".equals(keyState), id, keyManager, keyState));
    }

    /** DescribeKey of this key is refused, as KMS refuses a caller without kms:DescribeKey. */
    void denyKey(String arn, String caller) {
        deniedKeys.put(arn, """
                {"__type":"AccessDeniedException","message":"User: %s is not authorized to perform: kms:DescribeKey on\
                 resource: %s because no resource-based policy allows the kms:DescribeKey action"}""".formatted(caller, arn));
    }

    /** A table in the messages table's schema with a NEW_IMAGE stream, encrypted with {@code kmsKeyArn}. */
    void table(String name, String kmsKeyArn) {
        String arn = "arn:aws:dynamodb:eu-west-1:111111111111:table/" + name;
        tables.put(name, """
                {"Table":{"TableName":"%1$s","TableArn":"%2$s","TableId":"0d2b8f4e-5c6a-4b7d-9e1f-2a3b4c5d6e7f",
                 "TableStatus":"ACTIVE","CreationDateTime":1.7359E9,"ItemCount":0,"TableSizeBytes":0,
                 "AttributeDefinitions":[{"AttributeName":"message_group_uuid","AttributeType":"S"},
                   {"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},
                 "GlobalSecondaryIndexes":[{"IndexName":"message-group-sk-index","IndexStatus":"ACTIVE",
                   "KeySchema":[{"AttributeName":"message_group_uuid","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                   "Projection":{"ProjectionType":"ALL"},"IndexArn":"%2$s/index/message-group-sk-index"}],
                 "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},
                 "LatestStreamLabel":"2026-01-05T10:15:30.123","LatestStreamArn":"%2$s/stream/2026-01-05T10:15:30.123",
                 "SSEDescription":{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"%3$s"},
                 "DeletionProtectionEnabled":true}}""".formatted(name, arn, kmsKeyArn));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            if ("TrentService.DescribeKey".equals(target)) {
                String key = jsonField(body, "KeyId");
                requests.add(new Request("KMS", "DescribeKey", key));
                if (deniedKeys.containsKey(key)) {
                    respond(exchange, 400, "application/x-amz-json-1.1", deniedKeys.get(key));
                } else if (keys.containsKey(key)) {
                    respond(exchange, 200, "application/x-amz-json-1.1", keys.get(key));
                } else {
                    respond(exchange, 400, "application/x-amz-json-1.1",
                            "{\"__type\":\"NotFoundException\",\"message\":\"Key '" + key + "' does not exist\"}");
                }
            } else if ("DynamoDB_20120810.DescribeTable".equals(target)) {
                String table = jsonField(body, "TableName");
                requests.add(new Request("DynamoDB", "DescribeTable", table));
                if (tables.containsKey(table)) {
                    respond(exchange, 200, "application/x-amz-json-1.0", tables.get(table));
                } else {
                    respond(exchange, 400, "application/x-amz-json-1.0", "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                            + "ResourceNotFoundException\",\"message\":\"Requested resource not found: Table: " + table + " not found\"}");
                }
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/2015-03-31/event-source-mappings")) {
                String stream = query(exchange.getRequestURI().getRawQuery()).get("EventSourceArn");
                requests.add(new Request("Lambda", "ListEventSourceMappings", stream));
                respond(exchange, 200, "application/json",
                        "{\"EventSourceMappings\":[" + String.join(",", mappings.getOrDefault(stream, List.of())) + "]}");
            } else if (body.contains("Action=DescribeStacks")) {
                String stack = query(body).get("StackName");
                requests.add(new Request("CloudFormation", "DescribeStacks", stack));
                if (stacks.containsKey(stack)) {
                    respond(exchange, 200, "text/xml", "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                            + "<DescribeStacksResult><Stacks>" + stacks.get(stack) + "</Stacks></DescribeStacksResult>"
                            + "<ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-0a1b2c3d4e5f</RequestId></ResponseMetadata>"
                            + "</DescribeStacksResponse>");
                } else {
                    respond(exchange, 400, "text/xml", "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                            + "<Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id " + stack
                            + " does not exist</Message></Error><RequestId>c2f1a7e0-3a41-11e5-94eb-0a1b2c3d4e5f</RequestId>"
                            + "</ErrorResponse>");
                }
            } else {
                requests.add(new Request("?", exchange.getRequestMethod() + " " + path, target));
                respond(exchange, 400, "text/plain", "stub: not understood");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "7d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A string member of a flat JSON request body. */
    private static String jsonField(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    private static Map<String, String> query(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return new HashMap<>(values);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
