package io.tradingengine.schemas.serde;

import io.tradingengine.avro.PriceTick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Stands in for the {@code PriceTick} class of a consumer built before the optional field {@code last} existed: its
 * schema is the generated one minus {@code last}, renamed (a class cannot share the generated class's name) with an
 * alias to {@code io.tradingengine.avro.PriceTick}, so Avro resolves the writer's records to it. Written the way the
 * Avro compiler writes classes: positional get/put, a model with the logical-type conversions.
 */
public class PriceTickV1 extends SpecificRecordBase {

    public static final Schema SCHEMA$ = olderSchema(PriceTick.getClassSchema(), "last");

    private static final long serialVersionUID = 1L;
    private static final SpecificData MODEL$ = new SpecificData();

    static {
        MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
    }

    private static final Conversion<?>[] CONVERSIONS = {
        null, null, null, null, new TimeConversions.TimestampMillisConversion(),
    };

    private String market;
    private String source;
    private BigDecimal bid;
    private BigDecimal ask;
    private Instant timestamp;

    /** The generated schema without {@code dropped}, under this class's name and aliased to the original. */
    static Schema olderSchema(Schema generated, String dropped) {
        List<Schema.Field> fields = generated.getFields().stream()
                .filter(f -> !f.name().equals(dropped))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        Schema older = Schema.createRecord(PriceTickV1.class.getSimpleName(), generated.getDoc(),
                PriceTickV1.class.getPackageName(), false, fields);
        older.addAlias(generated.getFullName());
        return older;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return CONVERSIONS[field];
    }

    @Override
    public Object get(int field) {
        switch (field) {
            case 0: return market;
            case 1: return source;
            case 2: return bid;
            case 3: return ask;
            case 4: return timestamp;
            default: throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0: market = value == null ? null : value.toString(); break;
            case 1: source = value == null ? null : value.toString(); break;
            case 2: bid = (BigDecimal) value; break;
            case 3: ask = (BigDecimal) value; break;
            case 4: timestamp = (Instant) value; break;
            default: throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    public String market() {
        return market;
    }

    public String source() {
        return source;
    }

    public BigDecimal bid() {
        return bid;
    }

    public BigDecimal ask() {
        return ask;
    }

    public Instant timestamp() {
        return timestamp;
    }
}
