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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CoinMarketCap's {@code GET /v2/cryptocurrency/quotes/latest?slug=...&convert=...} with the key in
 * {@code X-CMC_PRO_API_KEY}. A Coingecko coin id is used as the CoinMarketCap slug ({@code bitcoin},
 * {@code ethereum}, {@code solana} are the same on both). The reader accepts the v1, v2 and v3 shapes: {@code data}
 * keyed by id, slug or symbol with an object or an array of objects, or an array; {@code quote} keyed by currency
 * or an array of {@code {symbol, price}}. A non-zero {@code status.error_code} is an error even with HTTP 200.
 */
public final class CoinMarketCapApi {

    static final String KEY_HEADER = "X-CMC_PRO_API_KEY";

    private final IngestSettings.CoinMarketCap settings;
    private final List<CoinMapping> coins;
    private final HttpJson http;
    private final URI quotesUri;

    public CoinMarketCapApi(IngestSettings.CoinMarketCap settings, List<CoinMapping> coins, HttpJson http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.coins = List.copyOf(coins);
        this.http = Objects.requireNonNull(http, "http");
        List<String> slugs = new ArrayList<>();
        Set<String> converts = new LinkedHashSet<>();
        for (CoinMapping coin : coins) {
            slugs.add(coin.coinId());
            converts.add(coin.quoteCurrency().toUpperCase(Locale.ROOT));
        }
        this.quotesUri = Urls.under(settings.baseUrl(), "/v2/cryptocurrency/quotes/latest", "slug="
                + Urls.commaList(slugs) + "&convert=" + Urls.commaList(List.copyOf(converts)));
    }

    public URI quotesUri() {
        return quotesUri;
    }

    /** Polls once; coins missing from the answer are reported to {@code missing}. */
    public List<CryptoQuote> fetch(Consumer<String> missing) {
        return parse(http.get(quotesUri, Map.of(KEY_HEADER, settings.apiKey())), coins, missing);
    }

    /** Reads a quotes answer of any version. */
    public static List<CryptoQuote> parse(JsonNode body, List<CoinMapping> coins, Consumer<String> missing) {
        checkStatus(body.path("status"));
        JsonNode data = body.isArray() ? body : body.path("data");
        if (data.isMissingNode() || data.isNull()) {
            throw new SourceException(ErrorKind.MALFORMED, "quotes answer without data: "
                    + Json.snippet(body.toString()));
        }
        Map<String, JsonNode> bySlug = new HashMap<>();
        for (JsonNode asset : assets(data)) {
            String slug = Json.text(asset, "slug");
            if (slug != null) {
                bySlug.putIfAbsent(slug.toLowerCase(Locale.ROOT), asset);
            }
        }
        List<CryptoQuote> quotes = new ArrayList<>();
        for (CoinMapping coin : coins) {
            JsonNode asset = bySlug.get(coin.coinId().toLowerCase(Locale.ROOT));
            JsonNode quote = asset == null ? null : quoteIn(asset.path("quote"),
                    coin.quoteCurrency().toUpperCase(Locale.ROOT));
            BigDecimal price = quote == null ? null : Json.decimal(quote, "price");
            if (price == null) {
                missing.accept(coin.coinId() + " has no " + coin.quoteCurrency() + " quote");
                continue;
            }
            Instant updated = Json.isoInstant(quote.get("last_updated"));
            quotes.add(new CryptoQuote(coin.market(), price,
                    updated != null ? updated : Json.isoInstant(asset.get("last_updated"))));
        }
        return quotes;
    }

    /** Throws for a non-zero {@code error_code}; rate-limit codes 1008 to 1011 are RATE_LIMITED. */
    static void checkStatus(JsonNode status) {
        JsonNode code = status.path("error_code");
        if (!status.isObject() || code.isMissingNode() || code.isNull() || code.asInt() == 0) {
            return;
        }
        int value = code.asInt();
        ErrorKind kind = value >= 1008 && value <= 1011 ? ErrorKind.RATE_LIMITED : ErrorKind.API_ERROR;
        throw new SourceException(kind, "coinmarketcap error " + value + ": "
                + Json.snippet(status.path("error_message").asText("")));
    }

    private static List<JsonNode> assets(JsonNode data) {
        List<JsonNode> assets = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(assets::add);
            return assets;
        }
        for (JsonNode value : data) {
            if (value.isArray()) {
                value.forEach(assets::add);
            } else if (value.isObject()) {
                assets.add(value);
            }
        }
        return assets;
    }

    private static JsonNode quoteIn(JsonNode quote, String currency) {
        if (quote.isObject()) {
            JsonNode entry = quote.get(currency);
            return entry != null && entry.isObject() ? entry : null;
        }
        if (quote.isArray()) {
            for (JsonNode entry : quote) {
                if (currency.equalsIgnoreCase(Json.text(entry, "symbol"))) {
                    return entry;
                }
            }
        }
        return null;
    }
}
