package io.muster.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void liveAndReadyOnceMigratedWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("muster-database"))
                .body("checks.find { it.name == 'muster-database' }.data.pendingMigrations", equalTo(0));
    }

    @Test
    void theOpenApiDocumentIsServedToAuthenticatedCallers() {
        io.muster.testing.Api.request().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("BatchImportFindings"));
        given().get("/q/openapi").then().statusCode(403);
    }
}
