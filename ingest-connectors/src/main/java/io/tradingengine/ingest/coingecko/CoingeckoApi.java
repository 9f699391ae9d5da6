package io.tradingengine.ingest.coingecko;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.IngestSettings.CoinMapping;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Coingecko's {@code GET /simple/price}: the request (ids, quote currencies, {@code include_last_updated_at}, the
 * key in the header of its plan: {@code x-cg-demo-api-key} or {@code x-cg-pro-api-key}) and the answer (an object
 * keyed by coin id, then by currency, with {@code last_updated_at} in Unix seconds). Error bodies that come with
 * HTTP 200 ({@code {"status":{"error_code":...}}}, {@code {"error":...}}) are errors, not "no data".
 */
public final class CoingeckoApi {

    static final String DEMO_HEADER = "x-cg-demo-api-key";
    static final String PRO_HEADER = "x-cg-pro-api-key";

    private final IngestSettings.Coingecko settings;
    private final HttpJson http;
    private final URI priceUri;

    public CoingeckoApi(IngestSettings.Coingecko settings, HttpJson http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        Set<String> currencies = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        for (CoinMapping coin : settings.coins()) {
            ids.add(coin.coinId());
            currencies.add(coin.quoteCurrency());
        }
        this.priceUri = Urls.under(settings.baseUrl(), "/simple/price", "ids=" + Urls.commaList(ids)
                + "&vs_currencies=" + Urls.commaList(List.copyOf(currencies))
                + "&include_last_updated_at=true&precision=full");
    }

    /** The request URL. */
    public URI priceUri() {
        return priceUri;
    }

    /** The key header of the configured plan, or none without a key. */
    public Map<String, String> headers() {
        if (settings.apiKey() == null) {
            return Map.of();
        }
        return Map.of(settings.plan() == IngestSettings.CoingeckoPlan.PRO ? PRO_HEADER : DEMO_HEADER,
                settings.apiKey());
    }

    /** Polls once; coins missing from the answer are reported to {@code missing}. */
    public List<CryptoQuote> fetch(Consumer<String> missing) {
        return parse(http.get(priceUri, headers()), settings.coins(), missing);
    }

    /** Reads a {@code /simple/price} answer. */
    public static List<CryptoQuote> parse(JsonNode body, List<CoinMapping> coins, Consumer<String> missing) {
        rejectErrorBody(body);
        if (!body.isObject()) {
            throw new SourceException(ErrorKind.MALFORMED, "/simple/price answer is not an object: "
                    + Json.snippet(body.toString()));
        }
        List<CryptoQuote> quotes = new ArrayList<>();
        for (CoinMapping coin : coins) {
            JsonNode entry = body.get(coin.coinId());
            BigDecimal price = entry == null || !entry.isObject() ? null : Json.decimal(entry, coin.quoteCurrency());
            if (price == null) {
                // Unknown ids are simply absent from the answer.
                missing.accept(coin.coinId() + " has no " + coin.quoteCurrency() + " price");
                continue;
            }
            quotes.add(new CryptoQuote(coin.market(), price, Json.epochSeconds(entry.get("last_updated_at"))));
        }
        return quotes;
    }

    /** Throws for the three error-body shapes Coingecko uses, also when they come with HTTP 200. */
    static void rejectErrorBody(JsonNode body) {
        JsonNode status = body.path("status");
        if (!status.isObject()) {
            status = body.path("error").path("status");
        }
        JsonNode code = status.path("error_code");
        if (code.isMissingNode()) {
            code = body.path("error_code");
        }
        if (!code.isMissingNode() && !code.isNull()) {
            String message = status.path("error_message").asText("");
            throw new SourceException(code.asInt() == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.API_ERROR,
                    "coingecko error " + code.asText() + ": " + Json.snippet(message));
        }
        if (body.path("error").isTextual()) {
            throw new SourceException(ErrorKind.API_ERROR, "coingecko error: " + body.get("error").asText());
        }
    }
}
