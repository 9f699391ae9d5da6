package io.tradingengine.api.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro generic data to JSON as the REST API writes values (DESIGN.md): decimals as strings with their scale, {@code
 * timestamp-millis} as ISO-8601 instants, enums as names, unions as the value of their branch, bytes as base64.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD:
                GenericRecord record = (GenericRecord) datum;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            case UNION:
                Schema branch = schema.getTypes().get(GenericData.get().resolveUnion(schema, datum));
                return toJson(datum, branch);
            case ENUM:
            case STRING:
                return NODES.textNode(datum.toString());
            case BYTES:
                byte[] bytes = bytes((ByteBuffer) datum);
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return NODES.textNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()).toPlainString());
                }
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case FIXED:
                byte[] fixed = ((GenericFixed) datum).bytes();
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return NODES.textNode(new BigDecimal(new BigInteger(fixed), decimal.getScale()).toPlainString());
                }
                return NODES.textNode(Base64.getEncoder().encodeToString(fixed));
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(Instant.ofEpochMilli((Long) datum).toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    long micros = (Long) datum;
                    return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1000).toString());
                }
                return NODES.numberNode((Long) datum);
            case INT:
                return NODES.numberNode((Integer) datum);
            case FLOAT:
                return NODES.numberNode((Float) datum);
            case DOUBLE:
                return NODES.numberNode((Double) datum);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Collection<?>) datum) {
                    array.add(toJson(element, schema.getElementType()));
                }
                return array;
            case MAP:
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    map.set(entry.getKey().toString(), toJson(entry.getValue(), schema.getValueType()));
                }
                return map;
            case NULL:
            default:
                return NODES.nullNode();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
