package io.tradingengine.ingest.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Gamma market's status for one of its tokens. Final only when {@code closed} and {@code umaResolutionStatus}
 * is {@code resolved}: a one-hot {@code outcomePrices} resolves (YES for the token priced 1, NO otherwise), an
 * all-0.5 one ("resolves 50-50") is a cancellation. Until then: {@code disputed} is HALTED (the result is being
 * contested), {@code closed} is CLOSED, not active or not accepting orders is HALTED, else OPEN. {@code outcomes},
 * {@code outcomePrices} and {@code clobTokenIds} are JSON-encoded strings on the wire; real arrays are accepted too.
 *
 * @param status  the engine status
 * @param outcome YES or NO when RESOLVED, else null
 * @param note    a short explanation (the UMA status), for logs
 */
public record GammaStatus(MarketStatus status, String outcome, String note) {

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** The status of the token at {@code index} of {@code market}'s {@code clobTokenIds}. */
    public static GammaStatus of(JsonNode market, int index) {
        boolean closed = market.path("closed").asBoolean(false);
        boolean active = market.path("active").asBoolean(true);
        boolean accepting = market.path("acceptingOrders").asBoolean(true);
        String uma = market.path("umaResolutionStatus").asText("").toLowerCase(Locale.ROOT);
        List<BigDecimal> prices = decimals(stringList(market.get("outcomePrices")));
        if (closed && uma.equals("resolved")) {
            if (prices.size() >= 2 && prices.stream().allMatch(p -> p.compareTo(HALF) == 0)) {
                return new GammaStatus(MarketStatus.CANCELLED, null, "resolved 50-50");
            }
            if (oneHot(prices) && index < prices.size()) {
                boolean won = prices.get(index).compareTo(BigDecimal.ONE) == 0;
                return new GammaStatus(MarketStatus.RESOLVED, won ? "YES" : "NO", "resolved");
            }
            return new GammaStatus(MarketStatus.CLOSED, null, "resolved, final prices pending");
        }
        if (uma.equals("disputed")) {
            return new GammaStatus(MarketStatus.HALTED, null, "disputed");
        }
        if (closed) {
            return new GammaStatus(MarketStatus.CLOSED, null, uma.isEmpty() ? "closed" : "closed, " + uma);
        }
        if (!active || !accepting) {
            return new GammaStatus(MarketStatus.HALTED, null, "not accepting orders");
        }
        return new GammaStatus(MarketStatus.OPEN, null, uma.isEmpty() ? "open" : "open, " + uma);
    }

    /** A list field written as a JSON array or as a string holding one; empty when absent. */
    public static List<String> stringList(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        JsonNode array = node;
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return List.of();
            }
            array = Json.parse(text);
        }
        if (!array.isArray()) {
            throw new SourceException(ErrorKind.MALFORMED, "expected a list, got " + Json.snippet(node.toString()));
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<BigDecimal> decimals(List<String> values) {
        List<BigDecimal> result = new ArrayList<>();
        for (String value : values) {
            try {
                result.add(new BigDecimal(value.trim()));
            } catch (NumberFormatException e) {
                throw new SourceException(ErrorKind.MALFORMED, "outcome price '" + value + "'");
            }
        }
        return result;
    }

    private static boolean oneHot(List<BigDecimal> prices) {
        int ones = 0;
        for (BigDecimal price : prices) {
            if (price.compareTo(BigDecimal.ONE) == 0) {
                ones++;
            } else if (price.signum() != 0) {
                return false;
            }
        }
        return ones == 1 && prices.size() >= 2;
    }
}
