package io.tradingengine.schemas.registry;

import org.apache.avro.Schema;

/** Canonical text of a schema, used to decide whether two schemas are the same (and so share an id). */
public final class Canonical {

    private Canonical() {
    }

    /**
     * Avro's own JSON form of the schema. Unlike the Parsing Canonical Form it keeps defaults, docs and logical
     * types, which matter for compatibility and decimal decoding, so two schemas differing only there get two ids.
     */
    public static String of(Schema schema) {
        return schema.toString(false);
    }
}
