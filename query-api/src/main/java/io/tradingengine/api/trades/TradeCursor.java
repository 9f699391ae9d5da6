package io.tradingengine.api.trades;

import io.tradingengine.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * The keyset position of a trade-history page: the (executed_at, trade_id) of the last row returned. Opaque to
 * clients (base64url); a cursor that does not decode is a 400 naming {@code cursor}.
 */
public record TradeCursor(Instant executedAt, String tradeId) {

    private static final int MAX_LENGTH = 512;

    public TradeCursor {
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(tradeId, "tradeId");
    }

    public String encode() {
        String plain = executedAt + "\n" + tradeId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a {@code cursor} query parameter, or null when none was given. */
    public static TradeCursor decode(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int newline = plain.indexOf('\n');
            if (newline <= 0 || newline == plain.length() - 1) {
                throw invalid();
            }
            return new TradeCursor(Instant.parse(plain.substring(0, newline)), plain.substring(newline + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor", "is not a cursor returned by this API");
    }
}
