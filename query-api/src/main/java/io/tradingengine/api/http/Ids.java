package io.tradingengine.api.http;

import java.util.regex.Pattern;

/** Shapes of the identifiers the API accepts in paths, queries and bodies. */
public final class Ids {

    /**
     * Assessment and order ids: letters, digits and {@code . _ : -}, at most 128. No '/' (the positions store key is
     * {@code assessmentId/market}) and nothing that needs escaping in a URL or a log line.
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    /** Market ids such as {@code BTC/USD}, {@code kalshi:KXBTC-25} or {@code polymarket:123}: no spaces or controls. */
    public static final Pattern MARKET = Pattern.compile("[\\p{Graph}]{1,200}");
    /** User ids (the token's {@code sub}): printable, no whitespace, at most 128. */
    public static final Pattern USER = Pattern.compile("[\\p{Graph}]{1,128}");

    private Ids() {
    }

    /** {@code value} when it matches {@code pattern}, else a 400 naming {@code field}. */
    public static String require(String field, String value, Pattern pattern, String shape) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(field, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badRequest(field, "must be " + shape);
        }
        return value;
    }

    public static String id(String field, String value) {
        return require(field, value, ID, "1-128 letters, digits, '.', '_', ':' or '-'");
    }

    public static String market(String field, String value) {
        return require(field, value, MARKET, "a market id such as BTC/USD");
    }

    public static String user(String field, String value) {
        return require(field, value, USER, "1-128 printable characters without spaces");
    }
}
