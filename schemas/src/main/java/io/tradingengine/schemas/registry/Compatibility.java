package io.tradingengine.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks a candidate schema against earlier versions of a subject with Avro's own checker
 * ({@link SchemaCompatibility}), at a {@link CompatibilityLevel}. Pure: no state, no I/O.
 */
public final class Compatibility {

    private Compatibility() {
    }

    /**
     * The incompatibilities of {@code candidate} with {@code previous} (oldest first) at {@code level}; empty when
     * compatible. Non-transitive levels check against the last of {@code previous} only.
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<SchemaVersion> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<SchemaVersion> against = level.transitive() ? previous : previous.subList(previous.size() - 1,
                previous.size());
        List<String> messages = new ArrayList<>();
        for (SchemaVersion earlier : against) {
            if (level.backward()) {
                // The new schema is the reader of data the earlier one wrote.
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier.schema()), earlier,
                        level, "new schema cannot read data written with", messages);
            }
            if (level.forward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(earlier.schema(), candidate), earlier,
                        level, "data written with the new schema cannot be read with", messages);
            }
        }
        return messages;
    }

    private static void describe(SchemaPairCompatibility result, SchemaVersion earlier, CompatibilityLevel level,
                                 String what, List<String> messages) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            // Confluent's verbose message shape, so tools that show these messages read them the same way.
            messages.add(String.format(Locale.ROOT,
                    "{errorType:'%s', description:'The %s version %d: %s', additionalInfo:'%s', location:'%s', "
                            + "oldSchemaVersion: %d, compatibility: '%s'}",
                    incompatibility.getType(), what, earlier.version(), incompatibility.getMessage(),
                    incompatibility.getMessage(), incompatibility.getLocation(), earlier.version(), level));
        }
    }
}
