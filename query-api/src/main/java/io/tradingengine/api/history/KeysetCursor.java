package io.tradingengine.api.history;

import io.tradingengine.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keyset position of a history page, newest first: the (time, id) of the last row returned, and the kind of
 * list it belongs to ("trades", "orders"). Opaque to clients (base64url); a cursor that does not decode, or belongs
 * to another list, is a 400 naming {@code cursor}.
 *
 * @param kind the list the cursor pages through
 * @param at the time of the last row returned
 * @param id the id of the last row returned (breaks ties of equal times)
 */
public record KeysetCursor(String kind, Instant at, String id) {

    private static final int MAX_LENGTH = 512;
    private static final Pattern KIND = Pattern.compile("[a-z]{1,16}");

    public KeysetCursor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be 1-16 lower-case letters, was " + kind);
        }
    }

    public String encode() {
        String plain = kind + "\n" + at + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a {@code cursor} query parameter of a {@code kind} list, or null when none was given. */
    public static KeysetCursor decode(String kind, String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", 3);
            if (parts.length != 3 || !parts[0].equals(kind) || parts[2].isEmpty()) {
                throw invalid();
            }
            return new KeysetCursor(kind, Instant.parse(parts[1]), parts[2]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor", "is not a cursor returned by this API for this list");
    }
}
