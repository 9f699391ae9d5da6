package io.tradingengine.api.topics;

import io.javalin.http.Context;
import io.tradingengine.api.http.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Topic browsing for admins: {@code GET /topics}, {@code GET /topics/{topic}/partitions/{partition}/records} and
 * {@code GET /topics/{topic}/offsets?timestamp=}, records decoded from Avro to JSON with key, headers, timestamp
 * and offset (read committed). Without a browser (no Kafka for this instance) the routes answer 503.
 */
public final class TopicController {

    static final int DEFAULT_LIMIT = 50;

    private final TopicBrowser browser;
    private final long retryAfterSeconds;

    public TopicController(TopicBrowser browser, long retryAfterSeconds) {
        this.browser = browser;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("topics", topics()));
    }

    public void records(Context ctx) {
        TopicSummary topic = topic(ctx.pathParam("topic"));
        int partition = integer(ctx.pathParam("partition"), "partition");
        Optional<TopicSummary.PartitionRange> range = topic.partitions().stream()
                .filter(p -> p.partition() == partition).findFirst();
        if (range.isEmpty()) {
            throw ApiException.notFound("topic " + topic.name() + " has no partition " + partition);
        }
        String offsetParam = ctx.queryParam("offset");
        long offset = offsetParam == null ? range.get().start() : longValue(offsetParam, "offset");
        String limitParam = ctx.queryParam("limit");
        int limit = limitParam == null ? DEFAULT_LIMIT : integer(limitParam, "limit");
        if (offset < 0) {
            throw ApiException.badRequest("offset", "offset: must be >= 0");
        }
        if (limit < 1 || limit > TopicBrowser.MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit: must be 1.." + TopicBrowser.MAX_LIMIT);
        }
        List<BrowsedRecord> records = browser.records(topic.name(), partition, offset, limit);
        long next = records.isEmpty() ? offset : records.get(records.size() - 1).offset() + 1;
        ctx.json(Map.of("topic", topic.name(), "partition", partition, "records", records, "nextOffset", next,
                "endOffset", range.get().end()));
    }

    public void offsets(Context ctx) {
        TopicSummary topic = topic(ctx.pathParam("topic"));
        String timestampParam = ctx.queryParam("timestamp");
        if (timestampParam == null) {
            throw ApiException.badRequest("timestamp", "timestamp: required, ISO-8601 (2026-11-24T08:00:00Z)");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(timestampParam);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("timestamp", "timestamp: must be ISO-8601, e.g. 2026-11-24T08:00:00Z");
        }
        try {
            ctx.json(Map.of("topic", topic.name(), "timestamp", timestamp,
                    "offsets", browser.offsetsForTimestamp(topic.name(), timestamp)));
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable("Kafka did not answer", retryAfterSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", retryAfterSeconds);
        }
    }

    private List<TopicSummary> topics() {
        if (browser == null) {
            throw ApiException.unavailable("topic browsing is not available on this instance", retryAfterSeconds);
        }
        try {
            return browser.listTopics();
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable("Kafka did not answer", retryAfterSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", retryAfterSeconds);
        }
    }

    private TopicSummary topic(String name) {
        return topics().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no topic " + name));
    }

    private static int integer(String value, String field) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + ": must be an integer");
        }
    }

    private static long longValue(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + ": must be an integer");
        }
    }
}
