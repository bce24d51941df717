package dev.strata.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends pre-encoded requests over {@code connections} keep-alive HTTP/1.1 connections (one
 * thread and one client each), each thread taking the next unsent request; any non-2xx answer
 * fails the run, so every counted item was acknowledged.
 */
final class RequestSender {
    private final URI base;
    private final int connections;

    RequestSender(URI base, int connections) {
        this.base = requireNonNull(base, "base is null");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        this.connections = connections;
    }

    /** Sends every request once; returns the wall-clock seconds from the first send to the last answer. */
    double sendAll(List<EncodedRequest> requests) throws InterruptedException, IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < requests.size() && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        send(client, requests.get(i));
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "sender-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IOException("load failed", failure.get());
        }
        return seconds;
    }

    private void send(HttpClient client, EncodedRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path()))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentEncoding() != null) {
            builder.header("Content-Encoding", request.contentEncoding());
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + request.path() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
