package io.tradingengine.schemas.serde;

/** The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Subject name of a topic's values under the TopicNameStrategy. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
