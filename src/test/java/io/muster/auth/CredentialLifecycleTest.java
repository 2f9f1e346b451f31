package io.muster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials from bootstrap to revocation: issued once, rotated with a grace period, revoked for good. */
@QuarkusTest
class CredentialLifecycleTest {

    @Inject
    TestDatabase db;

    @Test
    void theBootstrapAdministratorExistsAndWorks() {
        var list = TestCallers.ADMIN.request().get("/credentials").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> credentials = list.getList("Credentials");
        assertThat(credentials).anySatisfy(c -> {
            assertThat(c.get("Id")).isEqualTo(TestCallers.ADMIN.accessKeyId());
            assertThat(c.get("Role")).isEqualTo("ADMIN");
            assertThat(c.get("CreatedBy")).isEqualTo("bootstrap");
        });
        assertThat(list.getString("Credentials")).doesNotContain(TestCallers.ADMIN.secretAccessKey());
    }

    @Test
    void aSecretIsShownOnceAndStoredOnlyEncryptedOrHashed() {
        var key = TestCallers.viewer();
        var token = TestCallers.token("VIEWER", List.of());
        String listed = TestCallers.ADMIN.request().get("/credentials").then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain(key.secretAccessKey()).doesNotContain(token.token());
        String storedKey = (String) db.rows("SELECT secret FROM credential WHERE id = ?", key.accessKeyId()).get(0).get(0);
        assertThat(storedKey).startsWith("v1:").doesNotContain(key.secretAccessKey());
        String storedToken = (String) db.rows("SELECT secret FROM credential WHERE id = ?", token.accessKeyId()).get(0).get(0);
        assertThat(storedToken).hasSize(64).isEqualTo(Secrets.sha256Hex(token.token()));
    }

    @Test
    void afterRotationTheOldSecretWorksDuringTheGracePeriodThenNot() {
        var old = TestCallers.analyst();
        var rotated = TestCallers.ADMIN.request().post("/credentials/" + old.accessKeyId() + "/rotate").then().statusCode(200)
                .body("Credential.Id", equalTo(old.accessKeyId())).extract().jsonPath();
        var fresh = new TestCallers.TestCaller(old.accessKeyId(), rotated.getString("SecretAccessKey"), null);
        assertThat(fresh.secretAccessKey()).isNotEqualTo(old.secretAccessKey());
        assertThat(rotated.getString("Credential.PreviousSecretValidUntil")).isNotBlank();

        fresh.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);
        old.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);

        db.execute("UPDATE credential SET previous_expires_at = ? WHERE id = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), old.accessKeyId());
        old.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(403)
                .header("x-amzn-ErrorType", "InvalidSignatureException");
        fresh.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);
    }

    @Test
    void aRevokedKeyOrTokenIsUnrecognized() {
        var key = TestCallers.analyst();
        var token = TestCallers.token("ANALYST", List.of());
        token.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);
        TestCallers.ADMIN.request().delete("/credentials/" + key.accessKeyId()).then().statusCode(200)
                .body("Credential.Status", equalTo("REVOKED"));
        TestCallers.ADMIN.request().delete("/credentials/" + token.accessKeyId()).then().statusCode(200);
        key.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(403)
                .header("x-amzn-ErrorType", "UnrecognizedClientException");
        token.request().body("{\"MaxResults\":1}").post("/findings").then().statusCode(403)
                .header("x-amzn-ErrorType", "UnrecognizedClientException");
        TestCallers.ADMIN.request().post("/credentials/" + key.accessKeyId() + "/rotate").then().statusCode(409);
    }

    @Test
    void tokensRotateToo() {
        var token = TestCallers.token("VIEWER", List.of());
        String fresh = TestCallers.ADMIN.request().post("/credentials/" + token.accessKeyId() + "/rotate").then().statusCode(200)
                .extract().path("Token");
        new TestCallers.TestCaller(token.accessKeyId(), null, fresh).request().body("{}").post("/findings").then().statusCode(200);
        token.request().body("{}").post("/findings").then().statusCode(200);
    }

    @Test
    void badCredentialRequestsAreRefusedWithReasons() {
        TestCallers.ADMIN.request().body("{\"Kind\":\"PASSWORD\",\"Name\":\"x\",\"Role\":\"ADMIN\"}").post("/credentials").then()
                .statusCode(400).body("Message", containsString("Kind must be one of ACCESS_KEY, TOKEN"));
        TestCallers.ADMIN.request().body("{\"Kind\":\"TOKEN\",\"Name\":\"x\",\"Role\":\"ROOT\"}").post("/credentials").then()
                .statusCode(400).body("Message", containsString("Role must be one of"));
        TestCallers.ADMIN.request().body("{\"Kind\":\"TOKEN\",\"Name\":\"x\",\"Role\":\"VIEWER\",\"AccountScope\":[\"12\"]}")
                .post("/credentials").then().statusCode(400).body("Message", containsString("12-digit"));
        TestCallers.ADMIN.request().body("{\"Kind\":\"TOKEN\",\"Name\":\"x\",\"Role\":\"VIEWER\",\"ProductScope\":[\"arn:x\"]}")
                .post("/credentials").then().statusCode(400).body("Message", containsString("producers only"));
        TestCallers.ADMIN.request().post("/credentials/MKNOSUCHKEY/rotate").then().statusCode(404);
    }

    @Test
    void stateChangesAreAudited() {
        var key = TestCallers.viewer();
        var events = TestCallers.ADMIN.request().get("/audit?MaxResults=50").then().statusCode(200).extract().jsonPath();
        assertThat(events.getList("AuditEvents.Action")).contains("CreateCredential");
        TestCallers.ADMIN.request().get("/audit?MaxResults=1").then().statusCode(200)
                .body("AuditEvents.size()", equalTo(1)).body("NextToken", org.hamcrest.Matchers.notNullValue());
        TestCallers.ADMIN.request().get("/audit?MaxResults=0").then().statusCode(400);
        assertThat(key.accessKeyId()).startsWith("MK");
        TestCallers.ADMIN.request().get("/credentials").then().body("Credentials.Id", hasItem(key.accessKeyId()));
    }
}
