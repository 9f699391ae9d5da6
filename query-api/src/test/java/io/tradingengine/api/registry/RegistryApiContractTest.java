package io.tradingengine.api.registry;

import static io.tradingengine.api.registry.RegistryHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of the Confluent API under /registry: status codes, bodies and Confluent's error bodies. */
class RegistryApiContractTest {

    private static final Schema V1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\","
            + "\"fields\":[{\"name\":\"market\",\"type\":\"string\"}]}");
    private static final Schema V2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\","
            + "\"fields\":[{\"name\":\"market\",\"type\":\"string\"},"
            + "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    private static final Schema REQUIRED_VENUE = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\","
            + "\"fields\":[{\"name\":\"market\",\"type\":\"string\"},{\"name\":\"venue\",\"type\":\"string\"}]}");

    private RegistryHttp http;
    private final String admin = RegistryHttp.token("root", "admin");
    private final String reader = RegistryHttp.token("carol");

    @BeforeEach
    void start() {
        http = new RegistryHttp(RegistrySettings.secured());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(RegistryHttp.CONTENT_TYPE);
        JsonNode body = json(response);
        assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private static void assertOk(HttpResponse<String> response, String expectedJson) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(RegistryHttp.CONTENT_TYPE);
        assertThat(json(response)).isEqualTo(parse(expectedJson));
    }

    private static JsonNode parse(String text) {
        try {
            return RegistryHttp.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int register(String subject, Schema schema) {
        HttpResponse<String> response = http.postSchema("/registry/subjects/" + subject + "/versions", admin, schema);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("id").asInt();
    }

    @Test
    void shouldAnswerTheRootTypesAndModeAsConfluentDoes() {
        assertOk(http.get("/registry", reader), "{}");
        assertOk(http.get("/registry/schemas/types", reader), "[\"AVRO\"]");
        assertOk(http.get("/registry/mode", reader), "{\"mode\":\"READWRITE\"}");
        assertOk(http.get("/registry/mode/orders-value", reader), "{\"mode\":\"READWRITE\"}");
    }

    @Test
    void shouldRegisterListAndServeSubjectsAndVersions() {
        assertOk(http.get("/registry/subjects", reader), "[]");
        int id = register("ticks-value", V1);
        int id2 = register("ticks-value", V2);

        assertOk(http.get("/registry/subjects", reader), "[\"ticks-value\"]");
        assertOk(http.get("/registry/subjects?subjectPrefix=tic&deleted=false", reader), "[\"ticks-value\"]");
        assertOk(http.get("/registry/subjects?subjectPrefix=zz", reader), "[]");
        assertOk(http.get("/registry/subjects/ticks-value/versions", reader), "[1,2]");
        String expected1 = "{\"subject\":\"ticks-value\",\"version\":1,\"id\":" + id + ",\"schema\":"
                + parse(RegistryHttp.schemaBody(V1.toString())).get("schema") + "}";
        assertOk(http.get("/registry/subjects/ticks-value/versions/1", reader), expected1);
        assertThat(json(http.get("/registry/subjects/ticks-value/versions/latest", reader)).get("id").asInt())
                .isEqualTo(id2);
        assertThat(json(http.get("/registry/subjects/ticks-value/versions/-1", reader)).get("version").asInt())
                .isEqualTo(2);
        HttpResponse<String> raw = http.get("/registry/subjects/ticks-value/versions/1/schema", reader);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(raw.body())).isEqualTo(V1);
        assertOk(http.get("/registry/subjects/ticks-value/versions/1/referencedby", reader), "[]");
    }

    @Test
    void shouldGiveTheSameIdForTheSameSchemaAndAcceptPlainJsonAndUnknownParameters() {
        int first = register("orders-value", Order.getClassSchema());
        HttpResponse<String> again = http.post("/registry/subjects/orders-value/versions?normalize=true", admin,
                "{\"schema\":" + parse(RegistryHttp.schemaBody(Order.getClassSchema().toString())).get("schema")
                        + ",\"schemaType\":\"AVRO\",\"metadata\":null,\"ruleSet\":null}");

        assertOk(again, "{\"id\":" + first + "}");
        assertOk(http.get("/registry/subjects/orders-value/versions", reader), "[1]");
    }

    @Test
    void shouldAnswerConfluentErrorsForUnknownSubjectsVersionsAndIds() {
        register("ticks-value", V1);

        assertError(http.get("/registry/subjects/nope/versions", reader), 404, 40401);
        assertError(http.get("/registry/subjects/nope/versions/1", reader), 404, 40401);
        assertError(http.get("/registry/subjects/ticks-value/versions/9", reader), 404, 40402);
        assertError(http.get("/registry/subjects/ticks-value/versions/9/schema", reader), 404, 40402);
        assertError(http.get("/registry/subjects/ticks-value/versions/9/referencedby", reader), 404, 40402);
        assertError(http.get("/registry/subjects/ticks-value/versions/zero", reader), 422, 42202);
        assertError(http.get("/registry/subjects/ticks-value/versions/0", reader), 422, 42202);
        assertError(http.get("/registry/schemas/ids/999", reader), 404, 40403);
        assertError(http.get("/registry/schemas/ids/abc", reader), 404, 40403);
        assertError(http.get("/registry/schemas/ids/999/schema", reader), 404, 40403);
        assertError(http.get("/registry/schemas/ids/999/subjects", reader), 404, 40403);
        assertError(http.get("/registry/schemas/ids/999/versions", reader), 404, 40403);
    }

    @Test
    void shouldRefuseInvalidSchemasMalformedBodiesAndOversizeSchemas() {
        assertError(http.post("/registry/subjects/x-value/versions", admin, RegistryHttp.schemaBody("{\"type\":")),
                422, 42201);
        assertError(http.post("/registry/subjects/x-value/versions", admin,
                RegistryHttp.schemaBody("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"n\","
                        + "\"type\":\"int\",\"default\":\"not an int\"}]}")), 422, 42201);
        assertError(http.post("/registry/subjects/x-value/versions", admin,
                "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(http.post("/registry/subjects/x-value/versions", admin, "{\"schema\":\"\\\"string\\\"\","
                + "\"references\":[{\"name\":\"a\",\"subject\":\"b\",\"version\":1}]}"), 422, 42201);
        assertError(http.post("/registry/subjects/x-value/versions", admin, "{}"), 422, 42201);
        assertError(http.post("/registry/subjects/x-value/versions", admin, "not json"), 400, 400);

        try (RegistryHttp small = new RegistryHttp(new RegistrySettings(false, 1024))) {
            String longDoc = "d".repeat(2048);
            assertError(small.post("/registry/subjects/x-value/versions", admin, RegistryHttp.schemaBody(
                    "{\"type\":\"record\",\"name\":\"R\",\"doc\":\"" + longDoc + "\",\"fields\":[]}")), 413, 413);
            assertOk(small.get("/registry/subjects", reader), "[]");
        }
        assertOk(http.get("/registry/subjects", reader), "[]");
    }

    @Test
    void shouldLookUpASchemaUnderASubject() {
        int id = register("markets-value", Market.getClassSchema());

        JsonNode found = json(http.postSchema("/registry/subjects/markets-value?normalize=false", reader,
                Market.getClassSchema()));
        assertThat(found.get("subject").asText()).isEqualTo("markets-value");
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(found.get("schema").asText())).isEqualTo(Market.getClassSchema());

        assertError(http.postSchema("/registry/subjects/markets-value", reader, Order.getClassSchema()), 404, 40403);
        assertError(http.postSchema("/registry/subjects/nope", reader, Order.getClassSchema()), 404, 40401);
    }

    @Test
    void shouldServeSchemasById() {
        int id = register("prices-value", PriceTick.getClassSchema());
        register("prices-copy-value", PriceTick.getClassSchema());

        JsonNode byId = json(http.get("/registry/schemas/ids/" + id + "?subject=prices-value&fetchMaxId=false",
                reader));
        assertThat(new Schema.Parser().parse(byId.get("schema").asText())).isEqualTo(PriceTick.getClassSchema());
        assertThat(new Schema.Parser().parse(http.get("/registry/schemas/ids/" + id + "/schema", reader).body()))
                .isEqualTo(PriceTick.getClassSchema());
        assertOk(http.get("/registry/schemas/ids/" + id + "/subjects", reader),
                "[\"prices-copy-value\",\"prices-value\"]");
        assertOk(http.get("/registry/schemas/ids/" + id + "/versions", reader),
                "[{\"subject\":\"prices-copy-value\",\"version\":1},{\"subject\":\"prices-value\",\"version\":1}]");
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteVersions() {
        int id1 = register("ticks-value", V1);
        register("ticks-value", V2);

        assertError(http.delete("/registry/subjects/ticks-value/versions/1?permanent=true", admin), 404, 40407);
        assertOk(http.delete("/registry/subjects/ticks-value/versions/1", admin), "1");
        assertError(http.delete("/registry/subjects/ticks-value/versions/1", admin), 404, 40406);
        assertOk(http.get("/registry/subjects/ticks-value/versions", reader), "[2]");
        assertOk(http.get("/registry/subjects/ticks-value/versions?deleted=true", reader), "[1,2]");
        assertError(http.get("/registry/subjects/ticks-value/versions/1", reader), 404, 40402);
        assertThat(json(http.get("/registry/subjects/ticks-value/versions/1?deleted=true", reader)).get("id").asInt())
                .isEqualTo(id1);
        // Soft-deleted schemas stay readable by id: records written with them must still decode.
        assertThat(http.get("/registry/schemas/ids/" + id1, reader).statusCode()).isEqualTo(200);
        assertThat(json(http.postSchema("/registry/subjects/ticks-value?deleted=true", reader, V1))
                .get("version").asInt()).isEqualTo(1);
        assertError(http.postSchema("/registry/subjects/ticks-value", reader, V1), 404, 40403);

        assertOk(http.delete("/registry/subjects/ticks-value/versions/1?permanent=true", admin), "1");
        assertOk(http.get("/registry/subjects/ticks-value/versions?deleted=true", reader), "[2]");
        assertError(http.get("/registry/schemas/ids/" + id1, reader), 404, 40403);
        assertOk(http.delete("/registry/subjects/ticks-value/versions/latest", admin), "2");
        assertError(http.delete("/registry/subjects/nope/versions/1", admin), 404, 40401);
        assertError(http.delete("/registry/subjects/ticks-value/versions/7", admin), 404, 40402);
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteSubjects() {
        register("ticks-value", V1);
        register("ticks-value", V2);

        assertError(http.delete("/registry/subjects/ticks-value?permanent=true", admin), 404, 40405);
        assertOk(http.delete("/registry/subjects/ticks-value", admin), "[1,2]");
        assertError(http.delete("/registry/subjects/ticks-value", admin), 404, 40404);
        assertOk(http.get("/registry/subjects", reader), "[]");
        assertOk(http.get("/registry/subjects?deleted=true", reader), "[\"ticks-value\"]");
        assertError(http.get("/registry/subjects/ticks-value/versions", reader), 404, 40401);

        assertOk(http.delete("/registry/subjects/ticks-value?permanent=true", admin), "[1,2]");
        assertOk(http.get("/registry/subjects?deleted=true", reader), "[]");
        assertError(http.delete("/registry/subjects/ticks-value", admin), 404, 40401);
    }

    @Test
    void shouldReadSetAndDeleteGlobalAndSubjectCompatibility() {
        assertOk(http.get("/registry/config", reader), "{\"compatibilityLevel\":\"BACKWARD\"}");
        assertOk(http.put("/registry/config", admin, "{\"compatibility\":\"full\"}"), "{\"compatibility\":\"FULL\"}");
        assertOk(http.get("/registry/config", reader), "{\"compatibilityLevel\":\"FULL\"}");
        assertError(http.put("/registry/config", admin, "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);

        register("ticks-value", V1);
        assertError(http.get("/registry/config/ticks-value", reader), 404, 40408);
        assertOk(http.get("/registry/config/ticks-value?defaultToGlobal=true", reader),
                "{\"compatibilityLevel\":\"FULL\"}");
        assertOk(http.put("/registry/config/ticks-value", admin, "{\"compatibility\":\"NONE\"}"),
                "{\"compatibility\":\"NONE\"}");
        assertOk(http.get("/registry/config/ticks-value", reader), "{\"compatibilityLevel\":\"NONE\"}");
        assertOk(http.delete("/registry/config/ticks-value", admin), "{\"compatibilityLevel\":\"NONE\"}");
        assertError(http.get("/registry/config/ticks-value", reader), 404, 40408);
        assertError(http.delete("/registry/config/nope", admin), 404, 40401);

        assertOk(http.delete("/registry/config", admin), "{\"compatibilityLevel\":\"FULL\"}");
        assertOk(http.get("/registry/config", reader), "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldCheckCompatibilityAndRefuseAnIncompatibleRegistrationWith409() {
        register("ticks-value", V1);

        assertOk(http.postSchema("/registry/compatibility/subjects/ticks-value/versions/latest", reader, V2),
                "{\"is_compatible\":true}");
        assertOk(http.postSchema("/registry/compatibility/subjects/ticks-value/versions/1?verbose=true", reader, V2),
                "{\"is_compatible\":true,\"messages\":[]}");
        JsonNode verbose = json(http.postSchema(
                "/registry/compatibility/subjects/ticks-value/versions/latest?verbose=true", reader, REQUIRED_VENUE));
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertOk(http.postSchema("/registry/compatibility/subjects/ticks-value/versions", reader, REQUIRED_VENUE),
                "{\"is_compatible\":false}");
        assertOk(http.postSchema("/registry/compatibility/subjects/new-value/versions/latest", reader, V1),
                "{\"is_compatible\":true}");
        assertError(http.postSchema("/registry/compatibility/subjects/ticks-value/versions/5", reader, V2),
                404, 40402);
        assertError(http.postSchema("/registry/compatibility/subjects/new-value/versions/1", reader, V2), 404, 40401);

        assertError(http.postSchema("/registry/subjects/ticks-value/versions", admin, REQUIRED_VENUE), 409, 409);
        assertOk(http.put("/registry/config/ticks-value", admin, "{\"compatibility\":\"NONE\"}"),
                "{\"compatibility\":\"NONE\"}");
        assertThat(http.postSchema("/registry/subjects/ticks-value/versions", admin, REQUIRED_VENUE).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswerConfluents404ForEndpointsItDoesNotServe() {
        for (HttpResponse<String> response : List.of(
                http.get("/registry/contexts/x", reader),
                http.get("/registry/subjects/x/versions/1/extra", reader),
                http.put("/registry/mode", admin, "{\"mode\":\"IMPORT\"}"),
                http.delete("/registry/schemas/ids/1", admin))) {
            assertError(response, 404, 404);
            assertThat(json(response).get("message").asText()).isEqualTo("HTTP 404 Not Found");
        }
    }

    @Test
    void shouldLetAnyUserReadAndOnlyAdminsWrite() {
        assertError(http.get("/registry/subjects", null), 401, 401);
        assertError(http.postSchema("/registry/subjects/x-value/versions", reader, V1), 403, 403);
        assertError(http.put("/registry/config", reader, "{\"compatibility\":\"NONE\"}"), 403, 403);
        assertError(http.delete("/registry/subjects/x-value", reader), 403, 403);
        assertError(http.postSchema("/registry/subjects/x-value/versions", null, V1), 401, 401);
        assertOk(http.get("/registry/subjects", reader), "[]");
    }

    @Test
    void shouldServeReadsWithoutATokenWhenReadsAreOpenButNeverWrites() {
        try (RegistryHttp open = new RegistryHttp(RegistrySettings.open())) {
            assertThat(open.postSchema("/registry/subjects/x-value/versions", admin, V1).statusCode()).isEqualTo(200);

            assertOk(open.get("/registry/subjects", null), "[\"x-value\"]");
            assertThat(open.get("/registry/schemas/ids/1", null).statusCode()).isEqualTo(200);
            assertThat(open.postSchema("/registry/subjects/x-value", null, V1).statusCode()).isEqualTo(200);
            assertError(open.postSchema("/registry/subjects/x-value/versions", null, V2), 401, 401);
            assertError(open.delete("/registry/subjects/x-value", null), 401, 401);
        }
    }
}
