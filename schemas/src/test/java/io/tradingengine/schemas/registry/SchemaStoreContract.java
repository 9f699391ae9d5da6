package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour every {@link SchemaStore} shows, written once and run against each implementation: versions, ids,
 * soft and permanent deletes, compatibility levels and schema evolution per level.
 */
abstract class SchemaStoreContract {

    /** A fresh, empty store. */
    protected abstract SchemaStore store();

    static Schema tick(String extraFields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\",\"namespace\":\"t\",\"fields\":["
                + "{\"name\":\"market\",\"type\":\"string\"}" + extraFields + "]}");
    }

    static final Schema V1 = tick(",{\"name\":\"price\",\"type\":\"int\"}");
    static final Schema ADD_OPTIONAL = tick(",{\"name\":\"price\",\"type\":\"int\"},"
            + "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}");
    static final Schema ADD_REQUIRED = tick(",{\"name\":\"price\",\"type\":\"int\"},"
            + "{\"name\":\"venue\",\"type\":\"string\"}");
    static final Schema WITH_DEFAULTED_NOTE = tick(",{\"name\":\"price\",\"type\":\"int\"},"
            + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
    static final Schema REMOVE_PRICE = tick("");
    static final Schema PRICE_AS_STRING = tick(",{\"name\":\"price\",\"type\":\"string\"}");
    static final Schema PRICE_AS_LONG = tick(",{\"name\":\"price\",\"type\":\"long\"}");

    @Test
    void shouldGiveVersionsInOrderAndOneIdPerSchemaAcrossSubjects() {
        SchemaStore store = store();
        SchemaVersion prices = store.registerVersion("prices-value", PriceTick.getClassSchema());
        SchemaVersion copy = store.registerVersion("prices-copy-value", PriceTick.getClassSchema());
        SchemaVersion markets = store.registerVersion("markets-value", Market.getClassSchema());

        assertThat(copy.id()).isEqualTo(prices.id());
        assertThat(markets.id()).isNotEqualTo(prices.id());
        assertThat(store.subjects()).containsExactly("markets-value", "prices-copy-value", "prices-value");
        assertThat(store.subjectsOf(prices.id())).containsExactly("prices-copy-value", "prices-value");
        assertThat(store.versionsOf(prices.id())).extracting(SchemaVersion::subject, SchemaVersion::version)
                .containsExactly(tuple("prices-copy-value", 1),
                        tuple("prices-value", 1));
        assertThat(store.registerVersion("prices-value", PriceTick.getClassSchema())).isEqualTo(prices);
    }

    @Test
    void shouldSoftDeleteAVersionKeepingItsIdReadableAndThenDeleteItPermanently() {
        SchemaStore store = store();
        SchemaVersion v1 = store.registerVersion("t-value", V1);
        SchemaVersion v2 = store.registerVersion("t-value", ADD_OPTIONAL);

        assertThat(store.deleteVersion("t-value", 2, false)).isEqualTo(2);

        assertThat(store.versions("t-value")).containsExactly(1);
        assertThat(store.versions("t-value", true)).containsExactly(1, 2);
        assertThat(store.version("t-value", 2)).isEmpty();
        assertThat(store.version("t-value", 2, true)).contains(v2);
        assertThat(store.schemaById(v2.id())).isEqualTo(ADD_OPTIONAL);
        assertThat(store.latest("t-value")).contains(v1);
        assertThatThrownBy(() -> store.deleteVersion("t-value", 2, false))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.VERSION_SOFT_DELETED));
        assertThatThrownBy(() -> store.deleteVersion("t-value", 1, true))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.VERSION_NOT_SOFT_DELETED));

        assertThat(store.deleteVersion("t-value", 2, true)).isEqualTo(2);

        assertThat(store.versions("t-value", true)).containsExactly(1);
        assertThatThrownBy(() -> store.schemaById(v2.id()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> store.deleteVersion("t-value", 7, false))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.VERSION_NOT_FOUND));
    }

    @Test
    void shouldSoftDeleteASubjectBeforeDeletingItPermanently() {
        SchemaStore store = store();
        store.registerVersion("t-value", V1);
        store.registerVersion("t-value", ADD_OPTIONAL);
        store.setCompatibility("t-value", CompatibilityLevel.FULL);

        assertThatThrownBy(() -> store.deleteSubject("t-value", true))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.SUBJECT_NOT_SOFT_DELETED));
        assertThat(store.deleteSubject("t-value", false)).containsExactly(1, 2);

        assertThat(store.subjects()).isEmpty();
        assertThat(store.subjects(true)).containsExactly("t-value");
        assertThatThrownBy(() -> store.deleteSubject("t-value", false))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.SUBJECT_SOFT_DELETED));

        assertThat(store.deleteSubject("t-value", true)).containsExactly(1, 2);

        assertThat(store.subjects(true)).isEmpty();
        assertThat(store.compatibility("t-value")).isEmpty();
        assertThatThrownBy(() -> store.deleteSubject("t-value", false))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldReRegisterASoftDeletedSchemaAsANewVersionWithTheSameId() {
        SchemaStore store = store();
        SchemaVersion first = store.registerVersion("t-value", V1);
        store.deleteSubject("t-value", false);

        SchemaVersion again = store.registerVersion("t-value", V1);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void shouldResolveTheLevelFromSubjectThenGlobalThenBackward() {
        SchemaStore store = store();
        assertThat(store.effectiveCompatibility("t-value")).isEqualTo(CompatibilityLevel.BACKWARD);

        store.setCompatibility(null, CompatibilityLevel.FORWARD);
        assertThat(store.effectiveCompatibility("t-value")).isEqualTo(CompatibilityLevel.FORWARD);

        store.setCompatibility("t-value", CompatibilityLevel.NONE);
        assertThat(store.effectiveCompatibility("t-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.compatibility("t-value")).contains(CompatibilityLevel.NONE);

        assertThat(store.clearCompatibility("t-value")).contains(CompatibilityLevel.NONE);
        assertThat(store.clearCompatibility(null)).contains(CompatibilityLevel.FORWARD);
        assertThat(store.clearCompatibility(null)).isEmpty();
        assertThat(store.effectiveCompatibility("t-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "ADD_OPTIONAL,   BACKWARD, true",
            "ADD_OPTIONAL,   FORWARD,  true",
            "ADD_OPTIONAL,   FULL,     true",
            "ADD_REQUIRED,   BACKWARD, false",
            "ADD_REQUIRED,   FORWARD,  true",
            "ADD_REQUIRED,   FULL,     false",
            "ADD_REQUIRED,   NONE,     true",
            "REMOVE_PRICE,   BACKWARD, true",
            "REMOVE_PRICE,   FORWARD,  false",
            "PRICE_AS_STRING, BACKWARD, false",
            "PRICE_AS_STRING, FORWARD, false",
            "PRICE_AS_STRING, FULL,    false",
            "PRICE_AS_STRING, NONE,    true",
            "PRICE_AS_LONG,  BACKWARD, true",
            "PRICE_AS_LONG,  FORWARD,  false",
    })
    void shouldRegisterAnEvolvedSchemaOnlyWhenTheLevelAllowsIt(String change, CompatibilityLevel level,
                                                                 boolean compatible) {
        SchemaStore store = store();
        store.registerVersion("t-value", V1);
        store.setCompatibility("t-value", level);
        Schema evolved = evolved(change);

        assertThat(store.checkCompatibility("t-value", evolved, null).isEmpty()).as("compatible")
                .isEqualTo(compatible);
        if (compatible) {
            assertThat(store.registerVersion("t-value", evolved).version()).isEqualTo(2);
        } else {
            assertThatThrownBy(() -> store.registerVersion("t-value", evolved))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.INCOMPATIBLE))
                    .hasMessageContaining("incompatible");
            assertThat(store.versions("t-value")).containsExactly(1);
        }
    }

    @Test
    void shouldRemoveAFieldWithADefaultUnderFullCompatibility() {
        SchemaStore store = store();
        store.setCompatibility(null, CompatibilityLevel.FULL);
        store.registerVersion("t-value", WITH_DEFAULTED_NOTE);

        assertThat(store.registerVersion("t-value", V1).version()).isEqualTo(2);
    }

    @Test
    void shouldCheckTransitiveLevelsAgainstEveryLiveVersion() {
        SchemaStore store = store();
        store.registerVersion("t-value", V1);
        store.registerVersion("t-value", ADD_OPTIONAL);
        // Required venue: readable from version 2's data (which has venue), not from version 1's.
        Schema requiredVenue = tick(",{\"name\":\"price\",\"type\":\"int\"},{\"name\":\"venue\",\"type\":[\"null\","
                + "\"string\"]}");

        assertThat(store.checkCompatibility("t-value", requiredVenue, null)).isEmpty();
        store.setCompatibility("t-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        List<String> messages = store.checkCompatibility("t-value", requiredVenue, null);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("oldSchemaVersion: 1");
        assertThat(store.checkCompatibility("t-value", requiredVenue, 2)).isEmpty();
    }

    @Test
    void shouldAnswerCompatibleForASubjectWithoutVersionsAndRefuseUnknownVersions() {
        SchemaStore store = store();
        assertThat(store.checkCompatibility("nothing-value", Order.getClassSchema(), null)).isEmpty();
        assertThatThrownBy(() -> store.checkCompatibility("nothing-value", Order.getClassSchema(), 1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.SUBJECT_NOT_FOUND));
        store.registerVersion("t-value", V1);
        assertThatThrownBy(() -> store.checkCompatibility("t-value", V1, 3))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaStore.VERSION_NOT_FOUND));
    }

    private static Schema evolved(String name) {
        return switch (name) {
            case "ADD_OPTIONAL" -> ADD_OPTIONAL;
            case "ADD_REQUIRED" -> ADD_REQUIRED;
            case "REMOVE_PRICE" -> REMOVE_PRICE;
            case "PRICE_AS_STRING" -> PRICE_AS_STRING;
            case "PRICE_AS_LONG" -> PRICE_AS_LONG;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
