package io.tradingengine.app.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.api.registry.RegistryServer;
import io.tradingengine.api.registry.RegistrySettings;
import io.tradingengine.app.schemas.SchemasCommandTest.Run;
import io.tradingengine.avro.Order;
import io.tradingengine.schemas.registry.CompatibilityLevel;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code schemas register} and {@code schemas check} against a live registry (the engine's, on its own port). */
class SchemasRegistryCommandTest {

    private static final String SECRET = "schemas-command-test-secret-32-bytes-long!";

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private RegistryServer server;
    private String url;
    private final String admin = Tokens.mint(SECRET, "ci", List.of("admin"), Duration.ofMinutes(5));
    private final String reader = Tokens.mint(SECRET, "dev", List.of(), Duration.ofMinutes(5));

    @BeforeEach
    void start() {
        server = RegistryServer.create(ApiConfig.of(SECRET), store, RegistrySettings.secured()).start(0);
        url = "http://127.0.0.1:" + server.port() + "/registry";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldRegisterEveryTopicsSchemaThenPassTheCheck() {
        Run register = SchemasCommandTest.run("register", "--registry", url, "--token", admin);

        assertThat(register.exitCode()).as(register.err()).isZero();
        assertThat(store.subjects()).hasSize(8).contains("orders-value", "prices-value", "assessment-events-value");
        assertThat(store.latest("orders-value").orElseThrow().schema()).isEqualTo(Order.getClassSchema());
        assertThat(register.out()).contains("orders-value id ");

        Run check = SchemasCommandTest.run("check", "--registry", url, "--token", reader);
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("Checked against " + url);
    }

    @Test
    void shouldFailTheCheckWhenTheRegisteredVersionCannotBeReadByTheNewSchema() {
        // Registered: an Order with a field the project's Order no longer has and that has no default.
        Schema registered = new Schema.Parser().parse(Order.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"legacy\",\"type\":\"string\"},"));
        store.register("orders-value", registered);
        // The new schema lacks "legacy": fine for BACKWARD; FORWARD readers (the old schema) need it.
        store.setCompatibility("orders-value", CompatibilityLevel.FULL);

        Run check = SchemasCommandTest.run("check", "--registry", url, "--token", reader);

        assertThat(check.exitCode()).isEqualTo(SchemasCommand.INCOMPATIBLE);
        assertThat(check.err()).contains("INCOMPATIBLE orders-value").contains("legacy");
    }

    @Test
    void shouldExitTwoWhenTheRegistryRefusesTheCaller() {
        Run register = SchemasCommandTest.run("register", "--registry", url, "--token", reader);

        assertThat(register.exitCode()).isEqualTo(SchemasCommand.FAILED);
        assertThat(register.err()).contains("403");
        assertThat(store.subjects()).isEmpty();
    }
}
