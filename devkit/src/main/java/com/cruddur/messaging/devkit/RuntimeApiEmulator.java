package com.cruddur.messaging.devkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Lambda's Runtime API, as much of it as the Java runtime interface client 2.9.0 calls, on a
 * loopback port: the endpoints of "Using the Lambda runtime API for custom runtimes" (invocation
 * next, response, error, init error) and the SnapStart ones the client calls on its
 * {@code snap-start} path (restore next, restore error). {@code next} answers with the headers the
 * client's native code reads ({@code Lambda-Runtime-Aws-Request-Id}, {@code -Deadline-Ms},
 * {@code -Invoked-Function-Arn}, {@code -Trace-Id}); responses and errors are answered 202, as
 * Lambda does.
 */
public final class RuntimeApiEmulator implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";

    /** What the runtime posted for one invocation. */
    public record Result(String requestId, boolean success, String body, String errorType) {
    }

    private record Pending(String requestId, byte[] payload) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final String functionArn;
    private volatile boolean closed;

    public RuntimeApiEmulator(String functionArn) {
        this.functionArn = functionArn;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(BASE + "/", this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Every call received, as {@code METHOD path}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Queues one invocation and waits for the runtime's response or error; fails at once if the
     * runtime reports an init error or stops ({@code alive} turns false).
     */
    public Result invoke(byte[] payload, Duration timeout, BooleanSupplier alive) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Result> result = new CompletableFuture<>();
        results.put(requestId, result);
        queue.add(new Pending(requestId, payload));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    return result.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (initError.isDone()) {
                        throw new IllegalStateException("the runtime reported an error at init: " + initError.join());
                    }
                    if (!alive.getAsBoolean()) {
                        throw new IllegalStateException("the runtime stopped before answering invocation " + requestId);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        throw new IllegalStateException("no answer to invocation " + requestId + " within " + timeout + "; calls so far: " + calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(method + " " + path);
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("/invocation/") && path.endsWith("/response")) {
                complete(path, new Result(id(path), true, utf8(body), null));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("POST") && path.startsWith("/invocation/") && path.endsWith("/error")) {
                complete(path, new Result(id(path), false, utf8(body),
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("POST") && (path.equals("/init/error") || path.equals("/restore/error"))) {
                initError.complete(path + " " + utf8(body));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                // The snapshot is "restored" at once: the client then runs the afterRestore hooks.
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /** Long-polls, as Lambda does, until an invocation is queued or the emulator closes. */
    private void next(HttpExchange exchange) throws IOException {
        Pending pending = null;
        while (pending == null && !closed) {
            try {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (pending == null) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, pending.payload().length);
        exchange.getResponseBody().write(pending.payload());
    }

    private void complete(String path, Result result) {
        CompletableFuture<Result> future = results.remove(id(path));
        if (future != null) {
            future.complete(result);
        }
    }

    private static String id(String path) {
        return path.split("/")[2];
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
