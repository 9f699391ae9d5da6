package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.schemas.serde.SchemaRegistryException;
import org.junit.jupiter.api.Test;

class KafkaSchemaStoreTest {

    @Test
    void shouldReportAMalformedBootstrapAddressAsAStoreError() {
        assertThatThrownBy(() -> KafkaSchemaStore.start("no-port-here"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001))
                .hasMessageContaining("no-port-here");
    }
}
