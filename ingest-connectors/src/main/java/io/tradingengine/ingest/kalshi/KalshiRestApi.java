package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kalshi's REST {@code GET /markets?tickers=...} (public; signed when a key is configured), following
 * {@code cursor} pages. Errors come wrapped as {@code {"error":{"code","message","details"}}}.
 */
public final class KalshiRestApi {

    private static final int PAGE_LIMIT = 1000;
    private static final int MAX_PAGES = 20;

    private final URI root;
    private final List<String> tickers;
    private final HttpJson http;
    private final KalshiSigner signer;
    private final Clock clock;

    /** {@code signer} may be null (unsigned requests). */
    public KalshiRestApi(URI root, List<String> tickers, HttpJson http, KalshiSigner signer, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.tickers = List.copyOf(tickers);
        this.http = Objects.requireNonNull(http, "http");
        this.signer = signer;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every tracked market, as Kalshi's {@code Market} objects. */
    public List<JsonNode> markets() {
        List<JsonNode> markets = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            URI uri = uri(cursor);
            JsonNode body = http.get(uri, signer == null ? Map.of()
                    : signer.headers("GET", uri.getPath(), clock.millis()));
            JsonNode error = body.get("error");
            if (error != null && !error.isNull()) {
                throw new SourceException(ErrorKind.API_ERROR, "kalshi error " + error.path("code").asText() + ": "
                        + error.path("message").asText() + " " + error.path("details").asText(""));
            }
            JsonNode list = body.get("markets");
            if (list == null || !list.isArray()) {
                throw new SourceException(ErrorKind.MALFORMED, "/markets answer without markets: "
                        + Json.snippet(body.toString()));
            }
            list.forEach(markets::add);
            cursor = Json.text(body, "cursor");
            if (cursor == null || list.isEmpty()) {
                break;
            }
        }
        return markets;
    }

    private URI uri(String cursor) {
        String base = root.toString().endsWith("/") ? root.toString().substring(0, root.toString().length() - 1)
                : root.toString();
        StringBuilder query = new StringBuilder("?tickers=")
                .append(URLEncoder.encode(String.join(",", tickers), StandardCharsets.UTF_8))
                .append("&limit=").append(PAGE_LIMIT);
        if (cursor != null) {
            query.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return URI.create(base + "/markets" + query);
    }
}
