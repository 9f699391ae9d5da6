package io.tradingengine.api.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed, strict reading of a JSON object body: every failure is a 400 that names the field (with its path, as in
 * {@code rules.maxLeverage}); fields the request type does not know are refused rather than ignored.
 */
public final class JsonBody {

    /** Decimal places of the wire format (Avro decimal(38, 18)); more would be silently rounded. */
    private static final int MAX_SCALE = 18;
    /** Digits left of the point that fit decimal(38, 18). */
    private static final int MAX_INTEGER_DIGITS = 20;
    private static final int MAX_TEXT_LENGTH = 256;

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a request body that must be one JSON object. */
    public static JsonBody parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("body", "malformed JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        return new JsonBody(object, "");
    }

    /** Refuses any field not in {@code allowed}. */
    public JsonBody allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(path + name, "unknown field");
            }
        }
        return this;
    }

    /** A required non-blank string of at most 256 characters. */
    public String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw ApiException.badRequest(path + field, "is required");
        }
        return value;
    }

    /** An optional non-blank string of at most 256 characters; null when absent or JSON null. */
    public String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(path + field, "must be a string");
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw ApiException.badRequest(path + field, "must not be blank");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest(path + field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    /** A required decimal given as a JSON string or number. */
    public BigDecimal requiredDecimal(String field) {
        BigDecimal value = optionalDecimal(field);
        if (value == null) {
            throw ApiException.badRequest(path + field, "is required");
        }
        return value;
    }

    /**
     * An optional decimal given as a JSON string ("0.5") or number (0.5), with at most 18 decimal places and 20
     * integer digits; null when absent or JSON null.
     */
    public BigDecimal optionalDecimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal decimal;
        if (value.isNumber()) {
            decimal = value.decimalValue();
        } else if (value.isTextual()) {
            decimal = parseDecimal(path + field, value.textValue());
        } else {
            throw ApiException.badRequest(path + field, "must be a decimal string or number");
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE) {
            throw ApiException.badRequest(path + field, "at most " + MAX_SCALE + " decimal places");
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw ApiException.badRequest(path + field, "at most " + MAX_INTEGER_DIGITS + " integer digits");
        }
        return decimal;
    }

    /** A required decimal that must be strictly positive. */
    public BigDecimal requiredPositive(String field) {
        BigDecimal value = requiredDecimal(field);
        if (value.signum() <= 0) {
            throw ApiException.badRequest(path + field, "must be > 0");
        }
        return value;
    }

    /** An optional decimal that must be strictly positive when given. */
    public BigDecimal optionalPositive(String field) {
        BigDecimal value = optionalDecimal(field);
        if (value != null && value.signum() <= 0) {
            throw ApiException.badRequest(path + field, "must be > 0");
        }
        return value;
    }

    /** An optional nested object; null when absent or JSON null. */
    public JsonBody optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw ApiException.badRequest(path + field, "must be a JSON object");
        }
        return new JsonBody(object, path + field + ".");
    }

    /** The full name of a field of this object, for error messages raised by the caller. */
    public String name(String field) {
        return path + field;
    }

    private static BigDecimal parseDecimal(String field, String text) {
        String trimmed = text.trim();
        // BigDecimal accepts exponents of any size; refuse them before they turn into huge numbers.
        if (trimmed.isEmpty() || trimmed.length() > 64 || !trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
            throw ApiException.badRequest(field, "must be a decimal number");
        }
        return new BigDecimal(trimmed);
    }
}
