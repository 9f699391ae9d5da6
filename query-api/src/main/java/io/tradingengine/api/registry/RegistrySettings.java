package io.tradingengine.api.registry;

/**
 * How the registry API is served.
 *
 * @param openReads reads need no token (Confluent clients and kcat without credentials read schemas); writes always
 *     need an admin token
 * @param maxSchemaBytes the longest schema text accepted; longer ones are refused with 413
 */
public record RegistrySettings(boolean openReads, int maxSchemaBytes) {

    /** Schemas beyond this are refused: the engine's own schemas are a few kilobytes. */
    public static final int DEFAULT_MAX_SCHEMA_BYTES = 256 * 1024;

    public RegistrySettings {
        if (maxSchemaBytes <= 0) {
            throw new IllegalArgumentException("maxSchemaBytes must be positive, was " + maxSchemaBytes);
        }
    }

    /** Reads for any authenticated user, writes for admins. */
    public static RegistrySettings secured() {
        return new RegistrySettings(false, DEFAULT_MAX_SCHEMA_BYTES);
    }

    /** Reads open to anyone (development), writes for admins. */
    public static RegistrySettings open() {
        return new RegistrySettings(true, DEFAULT_MAX_SCHEMA_BYTES);
    }
}
