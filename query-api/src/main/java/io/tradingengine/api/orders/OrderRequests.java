package io.tradingengine.api.orders;

import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.http.JsonBody;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the body of POST /orders ({@code {assessmentId, market, side, quantity}}) into an {@link Order}. */
public final class OrderRequests {

    /** The request header that makes a retry name the same order. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Set<String> FIELDS = Set.of("assessmentId", "market", "side", "quantity");
    private static final Pattern KEY = Pattern.compile("[\\p{Graph}]{1,200}");

    private OrderRequests() {
    }

    /**
     * The order of {@code userId} described by {@code body}; its id is derived from the idempotency key when one is
     * given, random otherwise.
     */
    public static Order parse(JsonBody body, String userId, String idempotencyKey, Instant now) {
        body.allowOnly(FIELDS);
        String assessmentId = Ids.id("assessmentId", body.requiredText("assessmentId"));
        String market = Ids.market("market", body.requiredText("market"));
        Side side = side(body.requiredText("side"));
        BigDecimal quantity = body.requiredPositive("quantity");
        return Order.newBuilder()
                .setOrderId(orderId(userId, idempotencyKey))
                .setAssessmentId(assessmentId)
                .setUserId(userId)
                .setMarket(market)
                .setSide(side)
                .setQuantity(Decimals.wire(quantity))
                .setSubmittedAt(now)
                .build();
    }

    private static String orderId(String userId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return OrderIds.random();
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest(IDEMPOTENCY_KEY, "must be 1-200 printable characters without spaces");
        }
        return OrderIds.fromIdempotencyKey(userId, idempotencyKey);
    }

    private static Side side(String side) {
        return switch (side.toLowerCase(Locale.ROOT)) {
            case "long" -> Side.LONG;
            case "short" -> Side.SHORT;
            default -> throw ApiException.badRequest("side", "must be \"long\" or \"short\"");
        };
    }
}
