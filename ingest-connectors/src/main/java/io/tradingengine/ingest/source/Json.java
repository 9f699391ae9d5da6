package io.tradingengine.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * JSON helpers shared by the wire formats: one mapper that reads every number as {@link BigDecimal} (prices never
 * pass through {@code double}), and tolerant readers for the ways vendors write prices and times (numbers,
 * strings, empty strings, nulls, absent fields).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a frame or body; throws {@link SourceException} of kind MALFORMED when it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new SourceException(ErrorKind.MALFORMED, "empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SourceException(ErrorKind.MALFORMED, "not JSON: " + snippet(text), e);
        }
    }

    /** Serializes a tree (for requests the connectors send). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value, e);
        }
    }

    /**
     * A price or size: a JSON number or a numeric string ({@code "0.5600"}, {@code ".48"}); absent, null and
     * {@code ""} are null. Anything else is MALFORMED.
     */
    public static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new SourceException(ErrorKind.MALFORMED, "not a number: \"" + snippet(text) + "\"");
            }
        }
        throw new SourceException(ErrorKind.MALFORMED, "not a number: " + snippet(node.toString()));
    }

    /** {@code node.get(field)} as a decimal. */
    public static BigDecimal decimal(JsonNode node, String field) {
        return decimal(node.get(field));
    }

    /** A text field, or null when absent, null or blank. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** A required text field; MALFORMED when missing. */
    public static String requiredText(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw new SourceException(ErrorKind.MALFORMED, "missing \"" + field + "\" in " + snippet(node.toString()));
        }
        return text;
    }

    /** Epoch milliseconds written as a number or a string of digits; null when absent or not a number. */
    public static Instant epochMillis(JsonNode node) {
        BigDecimal value = lenientDecimal(node);
        return value == null ? null : Instant.ofEpochMilli(value.longValue());
    }

    /** Epoch seconds written as a number or a string of digits; null when absent or not a number. */
    public static Instant epochSeconds(JsonNode node) {
        BigDecimal value = lenientDecimal(node);
        return value == null ? null : Instant.ofEpochMilli(value.movePointRight(3).longValue());
    }

    /** An ISO-8601 instant ({@code 2018-08-09T21:56:28.000Z}); null when absent or unparsable. */
    public static Instant isoInstant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(node.asText().trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first 200 characters of {@code text}, for messages. */
    public static String snippet(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static BigDecimal lenientDecimal(JsonNode node) {
        try {
            return decimal(node);
        } catch (SourceException e) {
            return null;
        }
    }
}
