package io.tradingengine.api.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One record of a topic as an operator reads it: where it is, when, its key and headers as text, and its value
 * decoded from Avro to JSON (decimals as strings, timestamps as ISO-8601, enums as their names).
 *
 * @param schemaId the Confluent schema id of the value, or null when the value is not Confluent wire-format Avro
 * @param value    the decoded value; a JSON string holding the text for non-Avro values; null for a tombstone
 * @param error    why the value could not be decoded (then {@code value} holds its base64), else null
 */
public record BrowsedRecord(String topic, int partition, long offset, Instant timestamp, String key,
                            List<Header> headers, Integer schemaId, JsonNode value, String error) {

    /** A header, its value read as UTF-8 (null stays null). */
    public record Header(String key, String value) {
    }
}
