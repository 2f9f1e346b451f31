package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scan sessions: at close, the ACTIVE findings of the scan's scope that the scan did not report are
 * archived with history and events; findings it reported and findings of other scopes are untouched; a
 * scan never closed (or abandoned) changes nothing.
 */
@QuarkusTest
class ScanSessionsTest {

    private static final String OTHER_ACCOUNT = "210987654321";
    private static final String REGION = "eu-west-1";

    @Inject
    TestDatabase db;

    private String productArn;

    @BeforeEach
    void storeFindings() {
        productArn = Asff.newProductArn();
        ObjectNode otherAccount = Asff.finding(productArn, "other-account");
        otherAccount.put("AwsAccountId", OTHER_ACCOUNT);
        ObjectNode otherRegion = Asff.finding(productArn, "other-region");
        otherRegion.put("Region", "us-east-2");
        Api.importFindings(Asff.importBody(finding("seen-1", "gen-a/1"), finding("seen-2", "gen-a/2"), finding("stale", "gen-b/1"),
                otherAccount, otherRegion)).statusCode(200).body("SuccessCount", org.hamcrest.Matchers.is(5));
    }

    @Test
    void closingAScanArchivesTheScopesFindingsItDidNotSeeAndNothingElse() {
        String scan = open(null);
        importInScan(scan, finding("seen-1", "gen-a/1"), finding("seen-2", "gen-a/2"));
        long history = db.historyRows(productArn);
        long events = db.events(productArn);

        JsonPath closed = Api.request().post("/scans/" + scan + "/close").then().statusCode(200).extract().jsonPath();
        assertThat(closed.getString("Status")).isEqualTo("CLOSED");
        assertThat(closed.getLong("SeenCount")).isEqualTo(2);
        assertThat(closed.getLong("ArchivedCount")).isEqualTo(1);

        assertThat(recordState("stale")).isEqualTo("ARCHIVED");
        assertThat(recordState("seen-1")).isEqualTo("ACTIVE");
        assertThat(recordState("seen-2")).isEqualTo("ACTIVE");
        assertThat(recordState("other-account")).isEqualTo("ACTIVE");
        assertThat(recordState("other-region")).isEqualTo("ACTIVE");
        assertThat(db.historyRows(productArn)).isGreaterThan(history);
        assertThat(db.events(productArn)).isGreaterThan(events);

        Api.request().post("/scans/" + scan + "/close").then().statusCode(409).body("Message", containsString("already closed"));
        Api.importFindings(Asff.importBody(finding("seen-1", "gen-a/1"))).statusCode(200);
        Api.request().header("X-Muster-Scan-Id", scan).body(Asff.importBody(finding("seen-1", "gen-a/1"))).post("/findings/import")
                .then().statusCode(409).body("Message", containsString("is closed; open a new scan"));
    }

    @Test
    void aScanNeverClosedOrAbandonedChangesNothing() {
        String unclosed = open(null);
        importInScan(unclosed, finding("seen-1", "gen-a/1"));
        assertThat(recordState("stale")).isEqualTo("ACTIVE");
        assertThat(recordState("seen-2")).isEqualTo("ACTIVE");

        String abandoned = open(null);
        Api.request().delete("/scans/" + abandoned).then().statusCode(200).body("Status", org.hamcrest.Matchers.is("ABANDONED"));
        Api.request().post("/scans/" + abandoned + "/close").then().statusCode(409);
        assertThat(recordState("stale")).isEqualTo("ACTIVE");
        assertThat(recordState("seen-2")).isEqualTo("ACTIVE");
    }

    @Test
    void twoOverlappingScansOfDifferentGeneratorScopesArchiveOnlyTheirOwn() {
        String scanA = open("gen-a/");
        String scanB = open("gen-b/");
        importInScan(scanA, finding("seen-1", "gen-a/1"));
        importInScan(scanB, finding("fresh-b", "gen-b/2"));
        Api.request().post("/scans/" + scanB + "/close").then().statusCode(200).body("ArchivedCount", org.hamcrest.Matchers.is(1));
        Api.request().post("/scans/" + scanA + "/close").then().statusCode(200).body("ArchivedCount", org.hamcrest.Matchers.is(1));
        assertThat(recordState("seen-1")).isEqualTo("ACTIVE");
        assertThat(recordState("seen-2")).isEqualTo("ARCHIVED");
        assertThat(recordState("stale")).isEqualTo("ARCHIVED");
        assertThat(recordState("fresh-b")).isEqualTo("ACTIVE");
    }

    @Test
    void importsInAnyFormatCanBePartOfAScan() {
        String scan = open(null);
        String body = Json.write(Json.MAPPER.createArrayNode().add(finding("seen-1", "gen-a/1")).add(finding("seen-2", "gen-a/2")));
        FormatImport.post("asff", "ScanId=" + scan, body.getBytes());
        Api.request().post("/scans/" + scan + "/close").then().statusCode(200).body("SeenCount", org.hamcrest.Matchers.is(2))
                .body("ArchivedCount", org.hamcrest.Matchers.is(1));
        assertThat(recordState("stale")).isEqualTo("ARCHIVED");
    }

    @Test
    void aScanNeedsAScopeTheCallerMayImportAndAnExistingId() {
        Api.request().body("{\"ProductArn\":\"" + productArn + "\",\"AwsAccountId\":\"" + Asff.ACCOUNT + "\"}").post("/scans")
                .then().statusCode(400).body("Message", containsString("Region"));
        TestCallers.producer(List.of(OTHER_ACCOUNT), List.of()).request().body(scanRequest(null)).post("/scans")
                .then().statusCode(403).body("Code", org.hamcrest.Matchers.is("AccessDeniedException"));
        Api.request().get("/scans/scan-unknown").then().statusCode(404).body("Message", containsString("scan-unknown"));
        Api.request().header("X-Muster-Scan-Id", "scan-unknown").body(Asff.importBody(finding("seen-1", "gen-a/1")))
                .post("/findings/import").then().statusCode(404);
    }

    private String open(String generatorPrefix) {
        return Api.request().body(scanRequest(generatorPrefix)).post("/scans").then().statusCode(200)
                .body("Status", org.hamcrest.Matchers.is("OPEN")).extract().path("ScanId");
    }

    private String scanRequest(String generatorPrefix) {
        ObjectNode request = Json.object().put("ProductArn", productArn).put("AwsAccountId", Asff.ACCOUNT).put("Region", REGION);
        if (generatorPrefix != null) {
            request.put("GeneratorIdPrefix", generatorPrefix);
        }
        return Json.write(request);
    }

    private void importInScan(String scan, ObjectNode... findings) {
        for (ObjectNode finding : findings) {
            finding.put("UpdatedAt", "2026-02-01T00:00:00Z");
        }
        Api.request().header("X-Muster-Scan-Id", scan).body(Asff.importBody(findings)).post("/findings/import").then().statusCode(200)
                .body("FailedCount", org.hamcrest.Matchers.is(0));
    }

    private ObjectNode finding(String id, String generatorId) {
        ObjectNode finding = Asff.finding(productArn, id);
        finding.put("GeneratorId", generatorId).put("Region", REGION);
        return finding;
    }

    private String recordState(String id) {
        return db.document(productArn, id).path("RecordState").asText();
    }
}
