package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaLogTest {

    private final SchemaLog log = new SchemaLog();

    @Test
    void shouldWriteKeysAndValuesInConfluentsRecordFormat() {
        StoredSchema stored = StoredSchema.of("prices-value", 3, 7, Schema.create(Schema.Type.STRING), false);

        assertThat(text(SchemaTopicRecords.schemaKey("prices-value", 3)))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"prices-value\",\"version\":3,\"magic\":1}");
        assertThat(text(SchemaTopicRecords.schemaValue(stored))).isEqualTo("{\"subject\":\"prices-value\","
                + "\"version\":3,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    }

    @Test
    void shouldReadRecordsWrittenByAConfluentRegistry() {
        byte[] key = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}");
        byte[] value = bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":100001,\"schemaType\":\"AVRO\","
                + "\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"T\\\",\\\"fields\\\":[]}\","
                + "\"deleted\":false}");

        assertThat(log.apply(key, value)).isEqualTo(SchemaLog.Outcome.ACCEPTED);
        assertThat(log.schemaById(100001)).get().extracting(Schema::getName).isEqualTo("T");
        assertThat(log.plan("other", Market.getClassSchema()).id()).isEqualTo(100002);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderEverySubject() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());

        StoredSchema planned = log.plan("prices-copy-value", PriceTick.getClassSchema());

        assertThat(planned.id()).isEqualTo(1);
        assertThat(planned.version()).isEqualTo(1);
        assertThat(log.plan("markets-value", Market.getClassSchema()).id()).isEqualTo(2);
    }

    @Test
    void shouldRejectARecordThatClaimsAnIdAlreadyHeldByAnotherSchema() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());

        assertThat(apply("markets-value", 1, 1, Market.getClassSchema())).isEqualTo(SchemaLog.Outcome.REJECTED);
        assertThat(log.subjects()).containsExactly("prices-value");
        assertThat(log.schemaById(1)).contains(PriceTick.getClassSchema());
        assertThat(log.plan("markets-value", Market.getClassSchema()).version()).isEqualTo(1);
    }

    @Test
    void shouldRejectARecordThatGivesAKnownSchemaASecondId() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());

        assertThat(apply("prices-copy-value", 1, 2, PriceTick.getClassSchema())).isEqualTo(SchemaLog.Outcome.REJECTED);
        assertThat(log.schemaById(2)).isEmpty();
    }

    @Test
    void shouldKeepTheFirstRegistrationOfASubjectVersion() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());

        assertThat(apply("prices-value", 1, 2, Market.getClassSchema())).isEqualTo(SchemaLog.Outcome.REJECTED);
        assertThat(log.version("prices-value", 1)).get().extracting(StoredSchema::id).isEqualTo(1);
        assertThat(log.plan("prices-value", Market.getClassSchema()).version()).isEqualTo(2);
    }

    @Test
    void shouldAcceptTheSameRecordTwice() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());

        assertThat(apply("prices-value", 1, 1, PriceTick.getClassSchema())).isEqualTo(SchemaLog.Outcome.ACCEPTED);
        assertThat(log.versions("prices-value")).containsExactly(1);
    }

    @Test
    void shouldHideASoftDeletedVersionButStillResolveItsId() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());
        apply("prices-value", 2, 2, Market.getClassSchema());

        log.apply(SchemaTopicRecords.schemaKey("prices-value", 2), SchemaTopicRecords.schemaValue(
                StoredSchema.of("prices-value", 2, 2, Market.getClassSchema(), true)));

        assertThat(log.versions("prices-value")).containsExactly(1);
        assertThat(log.latest("prices-value")).get().extracting(StoredSchema::version).isEqualTo(1);
        assertThat(log.version("prices-value", 2)).isEmpty();
        assertThat(log.accepted("prices-value", 2)).get().extracting(StoredSchema::deleted).isEqualTo(true);
        assertThat(log.lookup("prices-value", Canonical.of(Market.getClassSchema()))).isEmpty();
        assertThat(log.schemaById(2)).contains(Market.getClassSchema());
        assertThat(log.subjectsOf(2)).isEmpty();
        StoredSchema again = log.plan("prices-value", Market.getClassSchema());
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.id()).isEqualTo(2);
    }

    @Test
    void shouldForgetAPermanentlyDeletedVersionAndItsUnusedId() {
        apply("prices-value", 1, 1, PriceTick.getClassSchema());
        apply("markets-value", 1, 2, Market.getClassSchema());
        apply("markets-copy-value", 1, 2, Market.getClassSchema());

        assertThat(log.apply(SchemaTopicRecords.schemaKey("prices-value", 1), null))
                .isEqualTo(SchemaLog.Outcome.DELETED);
        log.apply(SchemaTopicRecords.schemaKey("markets-value", 1), null);

        assertThat(log.subjects()).containsExactly("markets-copy-value");
        assertThat(log.schemaById(1)).isEmpty();
        assertThat(log.schemaById(2)).contains(Market.getClassSchema());
        assertThat(log.plan("orders-value", Order.getClassSchema()).id()).isEqualTo(3);
    }

    @Test
    void shouldIgnoreOtherKeyTypesForeignSchemaTypesAndGarbage() {
        assertThat(log.apply(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}")))
                .isEqualTo(SchemaLog.Outcome.IGNORED);
        assertThat(log.apply(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
                bytes("{\"compatibilityLevel\":\"SIDEWAYS\"}"))).isEqualTo(SchemaLog.Outcome.IGNORED);
        assertThat(log.apply(bytes("not json"), bytes("{}"))).isEqualTo(SchemaLog.Outcome.IGNORED);
        assertThat(log.apply(null, bytes("{}"))).isEqualTo(SchemaLog.Outcome.IGNORED);
        assertThat(log.apply(SchemaTopicRecords.schemaKey("p", 1), bytes("{\"subject\":\"p\",\"version\":1,"
                + "\"id\":1,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}")))
                .isEqualTo(SchemaLog.Outcome.IGNORED);
        assertThat(log.apply(SchemaTopicRecords.schemaKey("p", 1), bytes("{\"subject\":\"p\",\"version\":1,"
                + "\"id\":1,\"schema\":\"{not avro\",\"deleted\":false}"))).isEqualTo(SchemaLog.Outcome.IGNORED);

        assertThat(log.subjects()).isEmpty();
    }

    @Test
    void shouldFoldConfluentConfigRecordsIntoGlobalAndSubjectLevels() {
        assertThat(log.apply(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
                bytes("{\"compatibilityLevel\":\"FULL\"}"))).isEqualTo(SchemaLog.Outcome.ACCEPTED);
        assertThat(log.apply(SchemaTopicRecords.configKey("orders-value"),
                SchemaTopicRecords.configValue(CompatibilityLevel.NONE))).isEqualTo(SchemaLog.Outcome.ACCEPTED);

        assertThat(log.config(null)).contains(CompatibilityLevel.FULL);
        assertThat(log.config("orders-value")).contains(CompatibilityLevel.NONE);

        assertThat(log.apply(SchemaTopicRecords.configKey("orders-value"), null))
                .isEqualTo(SchemaLog.Outcome.DELETED);
        assertThat(log.config("orders-value")).isEmpty();
        assertThat(log.config(null)).contains(CompatibilityLevel.FULL);
    }

    @Test
    void shouldReachTheSameStateOnEveryInstanceThatReadsTheSameRecords() {
        List<byte[][]> records = new ArrayList<>();
        records.add(record("prices-value", 1, 1, PriceTick.getClassSchema()));
        records.add(record("markets-value", 1, 1, Market.getClassSchema()));
        records.add(record("markets-value", 1, 2, Market.getClassSchema()));
        records.add(record("prices-value", 2, 3, Order.getClassSchema()));
        records.add(record("prices-value", 2, 2, Market.getClassSchema()));
        SchemaLog other = new SchemaLog();

        List<SchemaLog.Outcome> outcomes = new ArrayList<>();
        for (byte[][] record : records) {
            outcomes.add(log.apply(record[0], record[1]));
            other.apply(record[0], record[1]);
        }

        assertThat(outcomes).containsExactly(SchemaLog.Outcome.ACCEPTED, SchemaLog.Outcome.REJECTED,
                SchemaLog.Outcome.ACCEPTED, SchemaLog.Outcome.ACCEPTED, SchemaLog.Outcome.REJECTED);
        for (SchemaLog state : List.of(log, other)) {
            assertThat(state.version("markets-value", 1)).get().extracting(StoredSchema::id).isEqualTo(2);
            assertThat(state.version("prices-value", 2)).get().extracting(StoredSchema::id).isEqualTo(3);
            assertThat(state.schemaById(2)).contains(Market.getClassSchema());
        }
    }

    private SchemaLog.Outcome apply(String subject, int version, int id, Schema schema) {
        byte[][] record = record(subject, version, id, schema);
        return log.apply(record[0], record[1]);
    }

    private static byte[][] record(String subject, int version, int id, Schema schema) {
        return new byte[][] {SchemaTopicRecords.schemaKey(subject, version),
            SchemaTopicRecords.schemaValue(StoredSchema.of(subject, version, id, schema, false))};
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
