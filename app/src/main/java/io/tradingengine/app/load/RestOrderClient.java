package io.tradingengine.app.load;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Places orders with {@code POST /orders}, which answers once the result is known (or 202 after its wait time). */
public final class RestOrderClient implements OrderClient {

    private final HttpClient http;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "load-http");
        thread.setDaemon(true);
        return thread;
    });
    private final URI ordersUri;
    private final java.util.function.Function<String, String> tokenOfAssessment;

    /** @param tokenOfAssessment the bearer token of the owner of an assessment */
    public RestOrderClient(String baseUrl, java.util.function.Function<String, String> tokenOfAssessment) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.ordersUri = URI.create(baseUrl.replaceAll("/+$", "") + "/orders");
        this.tokenOfAssessment = tokenOfAssessment;
    }

    @Override
    public CompletableFuture<Outcome> submit(String assessmentId, String market, String side, BigDecimal quantity) {
        String body = String.format(Locale.ROOT,
                "{\"assessmentId\":\"%s\",\"market\":\"%s\",\"side\":\"%s\",\"quantity\":\"%s\"}",
                assessmentId, market, side, quantity.toPlainString());
        HttpRequest request = HttpRequest.newBuilder(ordersUri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokenOfAssessment.apply(assessmentId)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                return Outcome.ERROR;
            }
            return switch (response.statusCode()) {
                case 201 -> Outcome.FILLED;
                case 422 -> Outcome.REJECTED;
                case 202 -> Outcome.PENDING;
                default -> Outcome.ERROR;
            };
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
