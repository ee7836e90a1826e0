package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.doctor.StreamConsumersCheck.Mapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The one Lambda request {@code doctor} makes: ListEventSourceMappings of the table's stream (Lambda
 * API reference, "ListEventSourceMappings": {@code GET /2015-03-31/event-source-mappings/?EventSourceArn=ARN&Marker=M},
 * REST-JSON, answered with {@code EventSourceMappings} and, while more remain, {@code NextMarker}),
 * signed with the AWS SDK's own Signature Version 4 signer and sent with its HTTP client. Not the
 * SDK's Lambda client: its 3 MB of models for every Lambda operation would take the ops jar past the
 * 25 MB an operator downloads, for this one read. It only ever sends a GET.
 *
 * @param endpoint Lambda's endpoint: the one the SDK's settings name, else the region's
 *                 ({@link #regionalEndpoint})
 */
record EventSourceMappings(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {

    /** Lambda's signing name, as in its endpoint's host. */
    private static final String SERVICE = "lambda";
    private static final String PATH = "/2015-03-31/event-source-mappings/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lambda's endpoint in {@code region}: its partition's DNS suffix from the SDK's partition metadata. */
    static URI regionalEndpoint(Region region) {
        return URI.create("https://" + SERVICE + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
    }

    /**
     * Every event source mapping of the stream, every page.
     *
     * @throws AwsServiceException as the SDK would throw Lambda's refusal (its error code and message)
     * @throws SdkClientException  when Lambda cannot be reached
     */
    List<Mapping> list(String streamArn) {
        List<Mapping> mappings = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            JsonNode page = get(streamArn, marker);
            for (JsonNode m : page.path("EventSourceMappings")) {
                mappings.add(new Mapping(m.path("UUID").asText(null), m.path("FunctionArn").asText(null),
                        m.path("State").asText(null)));
            }
            marker = Optional.ofNullable(page.path("NextMarker").asText(null)).filter(s -> !s.isEmpty());
        } while (marker.isPresent());
        return mappings;
    }

    private JsonNode get(String streamArn, Optional<String> marker) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(endpoint)
                .encodedPath(PATH)
                .putRawQueryParameter("EventSourceArn", streamArn)
                .putHeader("Accept", "application/json");
        marker.ifPresent(m -> request.putRawQueryParameter("Marker", m));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())).request();
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
            JsonNode body = body(response);
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                throw refusal(status, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null), body);
            }
            return body;
        } catch (IOException e) {
            throw SdkClientException.create("cannot reach Lambda at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode body(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> content = response.responseBody();
        if (content.isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = content.get()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            // Not JSON (a proxy's page, say): the status alone tells the refusal.
            return JSON.createObjectNode();
        }
    }

    /**
     * Lambda's refusal as the SDK reports it: the error code from {@code x-amzn-ErrorType} (its part
     * before ':'), or the body's {@code Type}, and the body's message (REST-JSON: {@code message} or
     * {@code Message}).
     */
    private static AwsServiceException refusal(int status, String errorType, JsonNode body) {
        String code = errorType != null ? errorType.split(":", 2)[0] : body.path("__type").asText(null);
        String message = body.hasNonNull("message") ? body.get("message").asText() : body.path("Message").asText(null);
        return AwsServiceException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Lambda").errorCode(code).errorMessage(message).build())
                .build();
    }
}
