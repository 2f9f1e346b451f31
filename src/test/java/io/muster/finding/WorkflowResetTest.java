package io.muster.finding;

import static io.muster.finding.ProviderAndAnalystFieldsTest.analystUpdate;
import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A finding that comes back reopens: NOTIFIED or RESOLVED go back to NEW when RecordState goes
 * ARCHIVED → ACTIVE or Compliance.Status goes PASSED → FAILED, WARNING or NOT_AVAILABLE. SUPPRESSED
 * is an analyst's standing decision and stays.
 */
@QuarkusTest
class WorkflowResetTest {

    @Inject
    TestDatabase db;

    @ParameterizedTest(name = "{0} finding, archived then active again: {1}")
    @CsvSource({"NOTIFIED, NEW", "RESOLVED, NEW", "SUPPRESSED, SUPPRESSED", "NEW, NEW"})
    void unarchivingReopens(String workflow, String expected) {
        String product = newProductArn();
        ObjectNode archived = finding(product, "f");
        archived.put("RecordState", "ARCHIVED");
        Api.importFindings(importBody(archived)).statusCode(200);
        analystUpdate(product, "f", "\"Workflow\":{\"Status\":\"" + workflow + "\"}");

        ObjectNode active = finding(product, "f");
        active.put("UpdatedAt", "2026-02-01T00:00:00Z");
        active.put("RecordState", "ACTIVE");
        Api.importFindings(importBody(active)).statusCode(200);
        assertThat(db.document(product, "f").path("Workflow").path("Status").asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} finding, compliance PASSED then {1}: {2}")
    @CsvSource({"RESOLVED, FAILED, NEW", "NOTIFIED, WARNING, NEW", "RESOLVED, NOT_AVAILABLE, NEW",
            "SUPPRESSED, FAILED, SUPPRESSED", "RESOLVED, PASSED, RESOLVED"})
    void failingAgainAfterPassingReopens(String workflow, String compliance, String expected) {
        String product = newProductArn();
        ObjectNode passed = finding(product, "f");
        passed.putObject("Compliance").put("Status", "PASSED");
        Api.importFindings(importBody(passed)).statusCode(200);
        analystUpdate(product, "f", "\"Workflow\":{\"Status\":\"" + workflow + "\"}");

        ObjectNode again = finding(product, "f");
        again.put("UpdatedAt", "2026-02-01T00:00:00Z");
        again.putObject("Compliance").put("Status", compliance);
        Api.importFindings(importBody(again)).statusCode(200);
        assertThat(db.document(product, "f").path("Workflow").path("Status").asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "an archived finding that stays archived keeps {0}")
    @CsvSource({"RESOLVED", "NOTIFIED"})
    void noResetWithoutAComeback(String workflow) {
        String product = newProductArn();
        ObjectNode archived = finding(product, "f");
        archived.put("RecordState", "ARCHIVED");
        Api.importFindings(importBody(archived)).statusCode(200);
        analystUpdate(product, "f", "\"Workflow\":{\"Status\":\"" + workflow + "\"}");
        ObjectNode stillArchived = archived.deepCopy().put("UpdatedAt", "2026-02-01T00:00:00Z");
        Api.importFindings(importBody(stillArchived)).statusCode(200);
        assertThat(db.document(product, "f").path("Workflow").path("Status").asText()).isEqualTo(workflow);
    }
}
