package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Identity dedupe on (ProductArn, Id): only a later UpdatedAt changes a stored finding. */
@QuarkusTest
class FindingIdentityTest {

    @Inject
    TestDatabase db;

    @Test
    void aLaterUpdatedAtReplacesTheProvidersFields() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        ObjectNode newer = finding(product, "f");
        newer.put("UpdatedAt", "2026-01-02T00:00:00Z");
        newer.put("Title", "Renamed by the provider");
        newer.putObject("Severity").put("Label", "LOW");
        Api.importFindings(importBody(newer)).statusCode(200).body("SuccessCount", equalTo(1));

        JsonNode stored = db.document(product, "f");
        assertThat(stored.path("Title").asText()).isEqualTo("Renamed by the provider");
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("LOW");
        assertThat(stored.path("UpdatedAt").asText()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(db.findings(product)).isEqualTo(1);
        assertThat(db.events(product)).isEqualTo(2);
        assertThat(historyFields(product)).contains("Title", "Severity.Label", "Severity.Normalized",
                "FindingProviderFields.Severity.Label");
    }

    @Test
    void anOlderOrEqualUpdatedAtIsIgnored() {
        String product = newProductArn();
        ObjectNode original = finding(product, "f");
        original.put("UpdatedAt", "2026-01-05T00:00:00Z");
        Api.importFindings(importBody(original)).statusCode(200);

        ObjectNode older = finding(product, "f");
        older.put("UpdatedAt", "2026-01-04T23:59:59.999999999Z");
        older.put("Title", "Stale copy");
        ObjectNode sameTime = finding(product, "f");
        sameTime.put("UpdatedAt", "2026-01-05T01:00:00+01:00");
        sameTime.put("Title", "Same instant, other offset");
        Api.importFindings(importBody(older)).statusCode(200).body("SuccessCount", equalTo(1));
        Api.importFindings(importBody(sameTime)).statusCode(200).body("SuccessCount", equalTo(1));

        assertThat(db.document(product, "f").path("Title").asText()).isEqualTo("Finding f");
        assertThat(db.events(product)).isEqualTo(1);
        assertThat(db.historyRows(product)).isEqualTo(1);
    }

    @Test
    void anIdenticalResendWritesNoHistoryAndEmitsNoEvent() {
        String product = newProductArn();
        ObjectNode finding = finding(product, "f");
        Api.importFindings(importBody(finding)).statusCode(200);
        String before = (String) db.rows("SELECT document FROM finding WHERE product_arn = ?", product).get(0).get(0);
        Api.importFindings(importBody(finding)).statusCode(200).body("SuccessCount", equalTo(1)).body("FailedCount", equalTo(0));
        Api.importFindings(importBody(finding)).statusCode(200).body("SuccessCount", equalTo(1));

        assertThat(db.events(product)).isEqualTo(1);
        assertThat(db.historyRows(product)).isEqualTo(1);
        assertThat(db.rows("SELECT document FROM finding WHERE product_arn = ?", product).get(0).get(0)).isEqualTo(before);
    }

    @Test
    void twoCopiesInOneBatchResolveAsIfSentOneAfterTheOther() {
        String product = newProductArn();
        ObjectNode first = finding(product, "twice");
        ObjectNode later = finding(product, "twice");
        later.put("UpdatedAt", "2026-01-03T00:00:00Z");
        later.put("Title", "Second copy");
        ObjectNode sameAgain = finding(product, "same");
        Api.importFindings(importBody(first, later, sameAgain, sameAgain.deepCopy().put("Title", "Ignored duplicate")))
                .statusCode(200).body("SuccessCount", equalTo(4));

        assertThat(db.findings(product)).isEqualTo(2);
        assertThat(db.document(product, "twice").path("Title").asText()).isEqualTo("Second copy");
        assertThat(db.document(product, "same").path("Title").asText()).isEqualTo("Finding same");
        // "twice": created, then updated — two events; "same": created once
        assertThat(db.events(product)).isEqualTo(3);

        ObjectNode laterFirst = finding(product, "reversed");
        laterFirst.put("UpdatedAt", "2026-01-03T00:00:00Z");
        laterFirst.put("Title", "Newest");
        Api.importFindings(importBody(laterFirst, finding(product, "reversed"))).statusCode(200);
        assertThat(db.document(product, "reversed").path("Title").asText()).isEqualTo("Newest");
    }

    @Test
    void concurrentImportsOfTheSameNewFindingsLeaveOneRowEach() throws Exception {
        String product = newProductArn();
        ObjectNode[] batch = new ObjectNode[20];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = finding(product, "race-" + i);
        }
        String body = importBody(batch);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> Api.importFindings(body).extract().statusCode()));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(db.findings(product)).isEqualTo(20);
        assertThat(db.historyRows(product)).as("one creation each, the other copies ignored").isEqualTo(20);
        assertThat(db.events(product)).isEqualTo(20);
    }

    @Test
    void theSameIdUnderAnotherProductIsAnotherFinding() {
        String productA = newProductArn();
        String productB = newProductArn();
        Api.importFindings(importBody(finding(productA, "shared-id"), finding(productB, "shared-id"))).statusCode(200);
        assertThat(db.findings(productA)).isEqualTo(1);
        assertThat(db.findings(productB)).isEqualTo(1);
    }

    private java.util.List<Object> historyFields(String product) {
        return db.rows("SELECT h.field FROM finding_history h JOIN finding f ON f.id = h.finding_id "
                + "WHERE f.product_arn = ? AND h.field IS NOT NULL", product).stream().map(r -> r.get(0)).toList();
    }
}
