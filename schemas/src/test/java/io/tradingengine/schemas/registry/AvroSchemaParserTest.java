package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.Assessment;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import org.junit.jupiter.api.Test;

class AvroSchemaParserTest {

    @Test
    void shouldParseTheTextOfAGeneratedSchemaBackIntoAnEqualSchema() {
        String text = Canonical.of(Assessment.getClassSchema());

        assertThat(AvroSchemaParser.parse(text)).isEqualTo(Assessment.getClassSchema());
        assertThat(Canonical.of(AvroSchemaParser.parse(text))).isEqualTo(text);
    }

    @Test
    void shouldRejectTextThatIsNotJsonAsAnInvalidSchema() {
        assertInvalid("{\"type\": \"record\", \"name\":");
    }

    @Test
    void shouldRejectAnUnknownTypeAsAnInvalidSchema() {
        assertInvalid("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"Nope\"}]}");
    }

    @Test
    void shouldRejectADefaultThatDoesNotMatchItsTypeAsAnInvalidSchema() {
        assertInvalid("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\","
                + "\"default\":\"x\"}]}");
    }

    @Test
    void shouldRejectAnEmptySchemaAsAnInvalidSchema() {
        assertInvalid(" ");
    }

    private static void assertInvalid(String text) {
        assertThatThrownBy(() -> AvroSchemaParser.parse(text))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageStartingWith("Invalid schema");
    }
}
