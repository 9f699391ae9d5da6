package io.tradingengine.app.schemas;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;

/**
 * The value schemas of the engine's public topics, by subject ({@code <topic>-value}, Confluent's TopicNameStrategy):
 * from the classes compiled into the build, or parsed from a directory of {@code .avsc} files (the files a change
 * edits, before they are compiled).
 */
final class ProjectSchemas {

    /** Topic to the full name of its value record. */
    private static final Map<String, String> VALUE_RECORDS = new LinkedHashMap<>();

    static {
        VALUE_RECORDS.put(Topics.PRICES, PriceTick.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.MARKETS, Market.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.ASSESSMENTS, Assessment.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.ORDERS, Order.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.ORDER_RESULTS, OrderResult.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.TRADES, Trade.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.POSITIONS, Position.getClassSchema().getFullName());
        VALUE_RECORDS.put(Topics.ASSESSMENT_EVENTS, AssessmentEvent.getClassSchema().getFullName());
    }

    private ProjectSchemas() {
    }

    /** Subject to schema, from the compiled classes. */
    static Map<String, Schema> compiled() {
        Map<String, Schema> byName = new LinkedHashMap<>();
        for (Schema schema : List.of(PriceTick.getClassSchema(), Market.getClassSchema(),
                Assessment.getClassSchema(), Order.getClassSchema(), OrderResult.getClassSchema(),
                Trade.getClassSchema(), Position.getClassSchema(), AssessmentEvent.getClassSchema())) {
            byName.put(schema.getFullName(), schema);
        }
        return bySubject(byName);
    }

    /**
     * Subject to schema, parsed from every {@code .avsc} under {@code dir} (named types shared between files, in any
     * order).
     *
     * @throws IllegalArgumentException when a file cannot be parsed or a topic's record is missing
     */
    static Map<String, Schema> fromDirectory(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.walk(dir)) {
            pending = new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
        Map<String, Schema> byName = new LinkedHashMap<>();
        // Files refer to types defined in other files; parse what can be parsed until nothing more can.
        while (!pending.isEmpty()) {
            List<Path> failed = new ArrayList<>();
            String lastError = null;
            for (Path file : pending) {
                try {
                    Schema schema = parser.parse(Files.readString(file));
                    byName.put(schema.getFullName(), schema);
                } catch (SchemaParseException | AvroTypeException e) {
                    // Avro reports a type defined in a file not parsed yet as "Undefined schema".
                    failed.add(file);
                    lastError = file + ": " + e.getMessage();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalArgumentException("Cannot parse the schemas under " + dir + ": " + lastError);
            }
            pending = failed;
        }
        // The build compiles with stringType=String, which marks every string; mark them the same way so a schema
        // read from its file is the very schema the engine registers (same canonical form, same id).
        Set<Schema> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        byName.values().forEach(schema -> markJavaStrings(schema, visited));
        return bySubject(byName);
    }

    private static void markJavaStrings(Schema schema, Set<Schema> visited) {
        if (!visited.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case STRING -> {
                if (schema.getProp(GenericData.STRING_PROP) == null) {
                    schema.addProp(GenericData.STRING_PROP, GenericData.StringType.String.name());
                }
            }
            case RECORD -> schema.getFields().forEach(field -> markJavaStrings(field.schema(), visited));
            case UNION -> schema.getTypes().forEach(type -> markJavaStrings(type, visited));
            case ARRAY -> markJavaStrings(schema.getElementType(), visited);
            case MAP -> {
                if (schema.getProp(GenericData.STRING_PROP) == null) {
                    schema.addProp(GenericData.STRING_PROP, GenericData.StringType.String.name());
                }
                markJavaStrings(schema.getValueType(), visited);
            }
            default -> {
                // Enums, fixed and other primitives carry no string type.
            }
        }
    }

    private static Map<String, Schema> bySubject(Map<String, Schema> byName) {
        Map<String, Schema> bySubject = new LinkedHashMap<>();
        VALUE_RECORDS.forEach((topic, fullName) -> {
            Schema schema = byName.get(fullName);
            if (schema == null) {
                throw new IllegalArgumentException("No schema named " + fullName + " for topic " + topic);
            }
            bySubject.put(WireFormat.valueSubject(topic), schema);
        });
        return bySubject;
    }
}
