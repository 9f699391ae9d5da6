package io.tradingengine.schemas.serde;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro model of the serdes. Avro 1.12.1+ refuses to load a class named by a schema unless its package is trusted
 * through a JVM-wide setting ({@code org.apache.avro.SERIALIZABLE_PACKAGES}), which the generated classes' own
 * models do not have; without it every serde fails with a {@link SecurityException}. This model resolves the
 * reader's record, enum and fixed names itself and accepts only classes that are Avro-generated types (specific
 * records, enums, fixed), which is what the guard exists to ensure, so the serde needs no JVM-wide setting.
 * The class names come from the reader's schema (the application's own), never from the writer's.
 */
final class SpecificModel extends SpecificData {

    private final ConcurrentMap<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();

    SpecificModel() {
        super(SpecificModel.class.getClassLoader());
        // A superset of the conversions the Avro compiler registers in each generated class's own model.
        addLogicalTypeConversion(new Conversions.DecimalConversion());
        addLogicalTypeConversion(new Conversions.UUIDConversion());
        addLogicalTypeConversion(new TimeConversions.DateConversion());
        addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    @Override
    public Class<?> getClass(Schema schema) {
        switch (schema.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return classes.computeIfAbsent(schema.getFullName(), name -> generatedClass(schema)).orElse(null);
            default:
                return super.getClass(schema);
        }
    }

    private Optional<Class<?>> generatedClass(Schema schema) {
        try {
            // Not initialised until the type check passed.
            Class<?> type = Class.forName(getClassName(schema), false, getClassLoader());
            boolean generated = SpecificRecord.class.isAssignableFrom(type) || type.isEnum()
                    || GenericFixed.class.isAssignableFrom(type);
            return generated ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
