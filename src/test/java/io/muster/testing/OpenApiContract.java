package io.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.muster.api.Json;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every response a test receives against openapi/openapi.yaml: the operation must be described,
 * the status must be one it declares, the body must match the declared schema (JSON Schema 2020-12),
 * and error responses must carry {@code x-amzn-ErrorType} equal to their Code. A test that drifts from
 * the spec fails here, whatever it asserts itself.
 */
public final class OpenApiContract implements Filter {

    public static final OpenApiContract INSTANCE = new OpenApiContract();
    private static final String DOCUMENT_IRI = "https://muster.io/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract() {
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = Json.write(document);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
    }

    public JsonNode document() {
        return document;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getPath();
        check(request.getMethod(), path, response);
        return response;
    }

    private void check(String method, String path, Response response) {
        String template = findPathTemplate(path);
        if (template == null) {
            // unknown paths are answered with the standard error shape, checked by the error tests
            assertThat(response.statusCode()).as("undocumented path %s must be refused", path).isGreaterThanOrEqualTo(400);
            assertErrorShape(response);
            return;
        }
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            assertThat(response.statusCode()).as("%s %s is not described, so it must be refused", method, path)
                    .isGreaterThanOrEqualTo(400);
            assertErrorShape(response);
            return;
        }
        String status = Integer.toString(response.statusCode());
        JsonNode declared = operation.path("responses").path(status);
        assertThat(declared.isMissingNode())
                .as("%s %s answered %s, which openapi.yaml does not declare: %s", method, path, status, response.asString())
                .isFalse();
        String responsePointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        if (declared.has("$ref")) {
            responsePointer = declared.get("$ref").asText().replaceFirst("^#", "");
            declared = resolve(responsePointer);
        }
        if (response.statusCode() >= 400) {
            assertErrorShape(response);
        }
        JsonNode schemaNode = declared.path("content").path("application/json").path("schema");
        if (schemaNode.isMissingNode()) {
            return;
        }
        String pointer = responsePointer + "/content/application~1json/schema";
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " answered a body that is not JSON: " + response.asString(), e);
        }
        List<Error> errors = schema.validate(body);
        assertThat(errors).as("%s %s → %s does not match openapi.yaml", method, path, status).isEmpty();
    }

    private JsonNode resolve(String ref) {
        JsonNode node = document;
        for (String token : ref.replaceFirst("^/", "").split("/")) {
            node = node.path(token.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    private static void assertErrorShape(Response response) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError("error answer is not JSON: " + response.asString(), e);
        }
        assertThat(body.path("Code").isTextual()).as("error body has a Code: %s", response.asString()).isTrue();
        assertThat(body.path("Message").isTextual()).as("error body has a Message: %s", response.asString()).isTrue();
        assertThat(response.header("x-amzn-ErrorType")).as("x-amzn-ErrorType header").isEqualTo(body.path("Code").asText());
    }

    private String findPathTemplate(String path) {
        if (document.path("paths").has(path)) {
            return path;
        }
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String regex = template.replaceAll("\\{[^}]+\\+}", ".+").replaceAll("\\{[^}]+}", "[^/]+");
            if (path.matches(regex)) {
                return template;
            }
        }
        return null;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
