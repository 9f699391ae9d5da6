package io.tradingengine.ingest.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Polymarket's Gamma API {@code GET /markets?clob_token_ids=a&clob_token_ids=b} (repeated keys, no auth): a bare
 * array of markets (a {@code {"data": [...]}} wrapper is accepted too); errors are {@code {"error": "..."}}.
 */
public final class GammaApi {

    private final URI marketsUri;
    private final HttpJson http;

    public GammaApi(URI root, List<String> tokenIds, HttpJson http) {
        this.http = Objects.requireNonNull(http, "http");
        String base = root.toString().endsWith("/") ? root.toString().substring(0, root.toString().length() - 1)
                : root.toString();
        StringBuilder query = new StringBuilder();
        for (String tokenId : tokenIds) {
            query.append(query.length() == 0 ? '?' : '&').append("clob_token_ids=")
                    .append(URLEncoder.encode(tokenId, StandardCharsets.UTF_8));
        }
        query.append("&limit=").append(Math.max(20, tokenIds.size()));
        this.marketsUri = URI.create(base + "/markets" + query);
    }

    public URI marketsUri() {
        return marketsUri;
    }

    /** The markets holding the tracked tokens. */
    public List<JsonNode> markets() {
        JsonNode body = http.get(marketsUri, Map.of());
        if (body.isObject() && body.has("error")) {
            throw new SourceException(ErrorKind.API_ERROR, "gamma error: " + Json.snippet(body.get("error")
                    .toString()));
        }
        JsonNode list = body.isObject() ? body.get("data") : body;
        if (list == null || !list.isArray()) {
            throw new SourceException(ErrorKind.MALFORMED, "gamma /markets answer is not a list: "
                    + Json.snippet(body.toString()));
        }
        List<JsonNode> markets = new ArrayList<>();
        list.forEach(markets::add);
        return markets;
    }
}
