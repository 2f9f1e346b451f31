package io.muster.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.OpenApiContract;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route × every role: allowed exactly when the role has the route's permission, and refused
 * without credentials unless the route is public. The route list is checked against the resource
 * classes themselves, so a route added later without a row here (or without a permission) fails.
 */
@QuarkusTest
class RoleMatrixTest {

    /** One route, the permission it needs, and a body that reaches it. */
    record Route(String method, String path, Permission permission, String body) {
        String key() {
            return method + " " + path.replaceAll("/[^/]*(mystery|MK|nobody)[^/]*", "/{}");
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/findings/import", Permission.IMPORT_FINDINGS, "{\"Findings\":[{}]}"),
            new Route("POST", "/findings/import/mystery", Permission.IMPORT_FINDINGS, "[]"),
            new Route("POST", "/scans", Permission.IMPORT_FINDINGS, "{}"),
            new Route("POST", "/risk/resources", Permission.READ_FINDINGS, "{}"),
            new Route("POST", "/risk/accounts", Permission.READ_FINDINGS, "{}"),
            new Route("POST", "/graph/entity", Permission.READ_FINDINGS, "{}"),
            new Route("GET", "/caller", Permission.DESCRIBE_API, null),
            new Route("POST", "/graph/related", Permission.READ_FINDINGS, "{}"),
            new Route("GET", "/scans/scan-mystery", Permission.IMPORT_FINDINGS, ""),
            new Route("POST", "/scans/scan-mystery/close", Permission.IMPORT_FINDINGS, ""),
            new Route("DELETE", "/scans/scan-mystery", Permission.IMPORT_FINDINGS, ""),
            new Route("POST", "/findings", Permission.READ_FINDINGS, "{\"MaxResults\":1}"),
            new Route("PATCH", "/findings/batchupdate", Permission.UPDATE_FINDINGS,
                    "{\"FindingIdentifiers\":[{\"Id\":\"x\",\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/aws/guardduty\"}],"
                            + "\"Workflow\":{\"Status\":\"NEW\"}}"),
            new Route("PATCH", "/findings", Permission.UPDATE_FINDINGS,
                    "{\"Filters\":{\"Id\":[{\"Value\":\"no-such-finding\",\"Comparison\":\"EQUALS\"}]},\"RecordState\":\"ARCHIVED\"}"),
            new Route("POST", "/findingHistory/get", Permission.READ_FINDINGS,
                    "{\"FindingIdentifier\":{\"Id\":\"x\",\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/aws/guardduty\"}}"),
            new Route("POST", "/automationrules/create", Permission.ADMINISTER, "{}"),
            new Route("POST", "/automationrules/get", Permission.READ_FINDINGS, "{\"AutomationRulesArns\":[\"arn:mystery\"]}"),
            new Route("PATCH", "/automationrules/update", Permission.ADMINISTER,
                    "{\"UpdateAutomationRulesRequestItems\":[{\"RuleArn\":\"arn:mystery\"}]}"),
            new Route("POST", "/automationrules/delete", Permission.ADMINISTER, "{\"AutomationRulesArns\":[\"arn:mystery\"]}"),
            new Route("GET", "/automationrules/list", Permission.READ_FINDINGS, null),
            new Route("GET", "/q/openapi", Permission.DESCRIBE_API, null),
            new Route("POST", "/credentials", Permission.ADMINISTER, "{}"),
            new Route("GET", "/credentials", Permission.ADMINISTER, null),
            new Route("POST", "/credentials/MKmystery/rotate", Permission.ADMINISTER, null),
            new Route("DELETE", "/credentials/MKmystery", Permission.ADMINISTER, null),
            new Route("POST", "/users", Permission.ADMINISTER, "{}"),
            new Route("GET", "/users", Permission.ADMINISTER, null),
            new Route("PATCH", "/users/nobody", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/users/nobody", Permission.ADMINISTER, null),
            new Route("GET", "/audit", Permission.ADMINISTER, null),
            new Route("GET", "/standards", Permission.READ_FINDINGS, null),
            new Route("POST", "/standards/register", Permission.ADMINISTER, "{}"),
            new Route("POST", "/standards/deregister", Permission.ADMINISTER, "{\"StandardsSubscriptionArns\":[\"arn:mystery\"]}"),
            new Route("POST", "/standards/get", Permission.READ_FINDINGS, "{}"),
            new Route("GET", "/standards/controls/arn:mystery", Permission.READ_FINDINGS, null),
            new Route("PATCH", "/standards/control/arn:mystery", Permission.ADMINISTER, "{\"ControlStatus\":\"ENABLED\"}"),
            new Route("POST", "/securityControls/batchGet", Permission.READ_FINDINGS, "{\"SecurityControlIds\":[\"IAM.1\"]}"),
            new Route("GET", "/securityControls/definitions", Permission.READ_FINDINGS, null),
            new Route("GET", "/securityControl/definition", Permission.READ_FINDINGS, null),
            new Route("PATCH", "/securityControl/update", Permission.ADMINISTER, "{}"),
            new Route("GET", "/associations", Permission.READ_FINDINGS, null),
            new Route("POST", "/associations/batchGet", Permission.READ_FINDINGS,
                    "{\"StandardsControlAssociationIds\":[{\"SecurityControlId\":\"IAM.1\",\"StandardsArn\":\"arn:mystery\"}]}"),
            new Route("PATCH", "/associations", Permission.ADMINISTER, "{}"),
            new Route("GET", "/compliance/scores", Permission.READ_FINDINGS, null),
            new Route("GET", "/compliance/scores/history", Permission.READ_FINDINGS, null),
            new Route("GET", "/compliance/controls", Permission.READ_FINDINGS, null),
            new Route("GET", "/compliance/findings", Permission.READ_FINDINGS, null),
            new Route("GET", "/compliance/packs", Permission.READ_FINDINGS, null),
            new Route("POST", "/compliance/recompute", Permission.ADMINISTER, null),
            new Route("POST", "/insights", Permission.MANAGE_INSIGHTS, "{}"),
            new Route("POST", "/insights/get", Permission.READ_FINDINGS, "{}"),
            new Route("POST", "/insights/recount", Permission.ADMINISTER, null),
            new Route("GET", "/insights/managed", Permission.READ_FINDINGS, null),
            new Route("POST", "/insights/group", Permission.READ_FINDINGS, "{\"GroupByAttribute\":\"SeverityLabel\"}"),
            new Route("GET", "/insights/results/arn:mystery", Permission.READ_FINDINGS, null),
            new Route("PATCH", "/insights/arn:mystery", Permission.MANAGE_INSIGHTS, "{}"),
            new Route("DELETE", "/insights/arn:mystery", Permission.MANAGE_INSIGHTS, null),
            new Route("POST", "/insights/trends", Permission.READ_FINDINGS, "{\"Start\":\"2026-01-01T00:00:00Z\",\"End\":\"2026-01-02T00:00:00Z\"}"),
            new Route("POST", "/actionTargets", Permission.ADMINISTER, "{}"),
            new Route("POST", "/actionTargets/get", Permission.READ_FINDINGS, "{}"),
            new Route("POST", "/actionTargets/invoke", Permission.INVOKE_ACTIONS, "{\"ActionTargetArn\":\"arn:mystery\"}"),
            new Route("PATCH", "/actionTargets/arn:mystery", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/actionTargets/arn:mystery", Permission.ADMINISTER, null),
            new Route("POST", "/outbound/targets", Permission.ADMINISTER, "{}"),
            new Route("GET", "/outbound/targets", Permission.ADMINISTER, null),
            new Route("GET", "/outbound/targets/mystery", Permission.ADMINISTER, null),
            new Route("PATCH", "/outbound/targets/mystery", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/outbound/targets/mystery", Permission.ADMINISTER, null),
            new Route("POST", "/outbound/targets/mystery/rotate-secret", Permission.ADMINISTER, null),
            new Route("POST", "/outbound/targets/mystery/test", Permission.ADMINISTER, null),
            new Route("POST", "/outbound/rules", Permission.ADMINISTER, "{}"),
            new Route("GET", "/outbound/rules", Permission.ADMINISTER, null),
            new Route("GET", "/outbound/rules/mystery", Permission.ADMINISTER, null),
            new Route("PATCH", "/outbound/rules/mystery", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/outbound/rules/mystery", Permission.ADMINISTER, null),
            new Route("GET", "/outbound/deliveries", Permission.ADMINISTER, null),
            new Route("GET", "/outbound/deliveries/mystery", Permission.ADMINISTER, null),
            new Route("POST", "/outbound/deliveries/mystery/redeliver", Permission.ADMINISTER, null),
            new Route("GET", "/outbound/events/mystery/deliveries", Permission.INVOKE_ACTIONS, null),
            new Route("POST", "/outbound/events/mystery/deliver", Permission.ADMINISTER, "{\"TargetId\":\"mystery\"}"),
            new Route("POST", "/members", Permission.ADMINISTER, "{}"),
            new Route("GET", "/members", Permission.READ_FINDINGS, null),
            new Route("POST", "/members/get", Permission.READ_FINDINGS, "{\"AccountIds\":[]}"),
            new Route("POST", "/members/delete", Permission.ADMINISTER, "{\"AccountIds\":[\"mystery\"]}"),
            new Route("POST", "/members/disassociate", Permission.ADMINISTER, "{\"AccountIds\":[\"mystery\"]}"),
            new Route("PATCH", "/members/mystery", Permission.ADMINISTER, "{}"),
            new Route("GET", "/administrator", Permission.READ_FINDINGS, null),
            new Route("GET", "/master", Permission.READ_FINDINGS, null),
            new Route("POST", "/findingAggregator/create", Permission.ADMINISTER, "{}"),
            new Route("GET", "/findingAggregator/get/arn:mystery", Permission.READ_FINDINGS, null),
            new Route("GET", "/findingAggregator/list", Permission.READ_FINDINGS, null),
            new Route("PATCH", "/findingAggregator/update", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/findingAggregator/delete/arn:mystery", Permission.ADMINISTER, null),
            new Route("POST", "/tags/arn:mystery", Permission.ADMINISTER, "{\"Tags\":{\"a\":\"b\"}}"),
            new Route("DELETE", "/tags/arn:mystery", Permission.ADMINISTER, null),
            new Route("GET", "/tags/arn:mystery", Permission.READ_FINDINGS, null),
            new Route("GET", "/products", Permission.DESCRIBE_API, null),
            new Route("GET", "/productSubscriptions", Permission.DESCRIBE_API, null),
            new Route("POST", "/productSubscriptions", Permission.ADMINISTER, "{\"ProductArn\":\"arn:mystery\"}"),
            new Route("DELETE", "/productSubscriptions/arn:mystery", Permission.ADMINISTER, null),
            new Route("GET", "/accounts", Permission.DESCRIBE_API, null),
            new Route("POST", "/accounts", Permission.ADMINISTER, "{\"ControlFindingGenerator\":\"mystery\"}"),
            new Route("PATCH", "/accounts", Permission.ADMINISTER, "{}"),
            new Route("DELETE", "/accounts", Permission.ADMINISTER, null),
            new Route("GET", "/organization/configuration", Permission.READ_FINDINGS, null),
            new Route("POST", "/organization/configuration", Permission.ADMINISTER, "{\"AutoEnable\":\"mystery\"}"),
            new Route("POST", "/findings/export", Permission.READ_FINDINGS,
                    "{\"Filters\":{\"Id\":[{\"Value\":\"no-such-finding\",\"Comparison\":\"EQUALS\"}]}}"));

    /** Routes that answer without credentials. */
    static final Set<String> PUBLIC = Set.of("GET /login", "POST /login", "POST /logout", "GET /login/oidc",
            "GET /login/oidc/callback");

    @Test
    void everyRoleIsAllowedExactlyWhatItsPermissionsSay() {
        Map<Role, TestCallers.TestCaller> callers = new EnumMap<>(Role.class);
        callers.put(Role.ADMIN, TestCallers.ADMIN);
        callers.put(Role.ANALYST, TestCallers.analyst());
        callers.put(Role.PRODUCER, TestCallers.producer(List.of(), List.of()));
        callers.put(Role.VIEWER, TestCallers.viewer());
        List<String> mismatches = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Role role : Role.values()) {
                Response response = send(callers.get(role).request(), route);
                boolean denied = response.statusCode() == 403 && "AccessDeniedException".equals(response.header("x-amzn-ErrorType"));
                if (denied == role.allows(route.permission())) {
                    mismatches.add(route.method() + " " + route.path() + " as " + role + ": " + response.statusCode() + " "
                            + response.asString());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void nothingButSignInAndHealthAnswersWithoutCredentials() {
        for (Route route : ROUTES) {
            Response response = send(given().filter(OpenApiContract.INSTANCE).contentType("application/json"), route);
            assertThat(response.statusCode()).as(route.method() + " " + route.path()).isEqualTo(403);
            assertThat(response.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/login").then().statusCode(200);
    }

    /** Each JAX-RS route declares a permission or is public, and each permission-bearing route is in the matrix. */
    @Test
    void everyRouteIsDeclaredAndCovered() throws Exception {
        Set<String> inMatrix = new TreeSet<>();
        ROUTES.forEach(r -> inMatrix.add(r.key()));
        Set<String> found = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/").replaceAll("(.)/$", "$1")
                        .replaceAll("\\{[^}]+}", "{}");
                String route = verb + " " + path;
                boolean isPublic = method.isAnnotationPresent(Public.class);
                assertThat(isPublic || method.isAnnotationPresent(Requires.class))
                        .as("%s (%s.%s) declares @Requires or @Public", route, resource.getSimpleName(), method.getName()).isTrue();
                if (isPublic) {
                    assertThat(PUBLIC).as("%s is public; list it in PUBLIC after review", route).contains(route);
                } else {
                    found.add(route);
                }
            }
        }
        assertThat(inMatrix).containsAll(found);
    }

    private static Response send(io.restassured.specification.RequestSpecification request, Route route) {
        if (route.body() != null) {
            request = request.body(route.body());
        }
        return request.request(route.method(), route.path());
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return method.isAnnotationPresent(PUT.class) ? "PUT" : null;
    }

    /** Classes under target/classes/io/muster annotated with @Path. */
    private static List<Class<?>> resourceClasses() throws IOException {
        java.nio.file.Path root = Paths.get("target/classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/muster"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, RoleMatrixTest.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        classes.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // generated or unloadable: not a resource
                }
            }
        }
        assertThat(classes).isNotEmpty();
        return classes;
    }
}
