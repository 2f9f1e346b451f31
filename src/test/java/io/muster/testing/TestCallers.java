package io.muster.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/**
 * Callers for tests: the bootstrap administrator of the test profile, and credentials of any role and
 * scope, made through the admin API as a real administrator would. {@code TestCallers.viewer("111111111111")}
 * is all a test needs to call Muster as a viewer scoped to one account.
 */
public final class TestCallers {

    /** The bootstrap key of the test profile (application.properties, %test). */
    public static final TestCaller ADMIN = new TestCaller("MKTESTADMIN000000001", "test-admin-secret-0123456789", null);

    private TestCallers() {
    }

    /** A caller with a credential of its own. */
    public record TestCaller(String accessKeyId, String secretAccessKey, String token) {

        public Filter signing() {
            return token != null ? (request, response, context) -> {
                request.header("Authorization", "Bearer " + token);
                return context.next(request, response);
            } : new SigV4Signing(accessKeyId, secretAccessKey);
        }

        /** A request as this caller, its response checked against openapi/openapi.yaml. */
        public RequestSpecification request() {
            return given().filter(OpenApiContract.INSTANCE).filter(signing()).contentType(ContentType.JSON);
        }
    }

    public static TestCaller admin() {
        return ADMIN;
    }

    public static TestCaller analyst(String... accounts) {
        return accessKey("ANALYST", List.of(accounts), List.of());
    }

    public static TestCaller viewer(String... accounts) {
        return accessKey("VIEWER", List.of(accounts), List.of());
    }

    public static TestCaller producer(List<String> accounts, List<String> products) {
        return accessKey("PRODUCER", accounts, products);
    }

    public static TestCaller accessKey(String role, List<String> accounts, List<String> products) {
        var issued = issue("ACCESS_KEY", role, accounts, products);
        return new TestCaller(issued.path("AccessKeyId").asText(), issued.path("SecretAccessKey").asText(), null);
    }

    public static TestCaller token(String role, List<String> accounts) {
        var issued = issue("TOKEN", role, accounts, List.of());
        return new TestCaller(issued.path("Credential").path("Id").asText(), null, issued.path("Token").asText());
    }

    private static com.fasterxml.jackson.databind.JsonNode issue(String kind, String role, List<String> accounts, List<String> products) {
        ObjectNode body = Json.object().put("Kind", kind).put("Name", "test " + role.toLowerCase()).put("Role", role);
        ArrayNode scope = body.putArray("AccountScope");
        accounts.forEach(scope::add);
        if (!products.isEmpty()) {
            ArrayNode productScope = body.putArray("ProductScope");
            products.forEach(productScope::add);
        }
        String answer = ADMIN.request().body(Json.write(body)).post("/credentials").then().statusCode(200).extract().asString();
        return Json.readStored(answer);
    }
}
