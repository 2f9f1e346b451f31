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

/**
 * Who owns which field (Security Hub User Guide): providers own their FindingProviderFields, analysts own
 * Note, UserDefinedFields, VerificationState and Workflow, and a top-level Severity, Types, Confidence,
 * Criticality or RelatedFindings belongs to the provider only until an analyst sets it.
 */
@QuarkusTest
class ProviderAndAnalystFieldsTest {

    @Inject
    TestDatabase db;

    @Test
    void onceAnAnalystSetsSeverityProviderUpdatesOnlyReachFindingProviderFields() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        analystUpdate(product, "f", "\"Severity\":{\"Label\":\"LOW\"},\"Confidence\":20");

        ObjectNode providerUpdate = finding(product, "f");
        providerUpdate.put("UpdatedAt", "2026-02-01T00:00:00Z");
        providerUpdate.putObject("Severity").put("Label", "CRITICAL");
        providerUpdate.put("Confidence", 99);
        providerUpdate.put("Criticality", 70);
        providerUpdate.putArray("Types").add("TTPs/Initial Access");
        Api.importFindings(importBody(providerUpdate)).statusCode(200);

        JsonNode stored = db.document(product, "f");
        assertThat(stored.path("Severity").path("Label").asText()).as("analyst's severity stays").isEqualTo("LOW");
        assertThat(stored.path("Confidence").intValue()).as("analyst's confidence stays").isEqualTo(20);
        assertThat(stored.path("FindingProviderFields").path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(stored.path("FindingProviderFields").path("Confidence").intValue()).isEqualTo(99);
        assertThat(stored.path("Criticality").intValue()).as("never set by an analyst: provider's value").isEqualTo(70);
        assertThat(stored.path("Types").get(0).asText()).isEqualTo("TTPs/Initial Access");
    }

    @Test
    void providerUpdatesThroughFindingProviderFieldsReachTheTopLevelUntilAnAnalystActs() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        ObjectNode update = finding(product, "f");
        update.remove("Severity");
        update.put("UpdatedAt", "2026-02-01T00:00:00Z");
        update.putObject("FindingProviderFields").<ObjectNode>set("Severity", Json.object().put("Label", "MEDIUM"));
        Api.importFindings(importBody(update)).statusCode(200);
        assertThat(db.document(product, "f").path("Severity").path("Label").asText()).isEqualTo("MEDIUM");
        assertThat(db.document(product, "f").path("Severity").path("Normalized").intValue()).isEqualTo(40);

        analystUpdate(product, "f", "\"Types\":[\"Effects/Data Exposure\"]");
        ObjectNode typesUpdate = finding(product, "f");
        typesUpdate.remove("Types");
        typesUpdate.put("UpdatedAt", "2026-03-01T00:00:00Z");
        typesUpdate.putObject("FindingProviderFields").putArray("Types").add("TTPs/Discovery");
        Api.importFindings(importBody(typesUpdate)).statusCode(200);
        JsonNode stored = db.document(product, "f");
        assertThat(stored.path("Types").get(0).asText()).isEqualTo("Effects/Data Exposure");
        assertThat(stored.path("FindingProviderFields").path("Types").get(0).asText()).isEqualTo("TTPs/Discovery");
    }

    @Test
    void importsNeverChangeNoteUserDefinedFieldsVerificationStateOrWorkflow() {
        String product = newProductArn();
        ObjectNode created = finding(product, "f");
        created.putObject("Note").put("Text", "initial note").put("UpdatedBy", "provider").put("UpdatedAt", "2026-01-01T00:00:00Z");
        created.put("VerificationState", "UNKNOWN");
        created.putObject("UserDefinedFields").put("team", "red");
        created.putObject("Workflow").put("Status", "NOTIFIED");
        Api.importFindings(importBody(created)).statusCode(200);
        JsonNode first = db.document(product, "f");
        assertThat(first.path("Note").path("Text").asText()).as("initial values are taken").isEqualTo("initial note");
        assertThat(first.path("Workflow").path("Status").asText()).isEqualTo("NOTIFIED");

        ObjectNode update = finding(product, "f");
        update.put("UpdatedAt", "2026-02-01T00:00:00Z");
        update.putObject("Note").put("Text", "provider overwrite").put("UpdatedBy", "provider").put("UpdatedAt", "2026-02-01T00:00:00Z");
        update.put("VerificationState", "FALSE_POSITIVE");
        update.putObject("UserDefinedFields").put("team", "blue");
        update.putObject("Workflow").put("Status", "SUPPRESSED");
        Api.importFindings(importBody(update)).statusCode(200);

        JsonNode stored = db.document(product, "f");
        assertThat(stored.path("Note").path("Text").asText()).isEqualTo("initial note");
        assertThat(stored.path("VerificationState").asText()).isEqualTo("UNKNOWN");
        assertThat(stored.path("UserDefinedFields").path("team").asText()).isEqualTo("red");
        assertThat(stored.path("Workflow").path("Status").asText()).isEqualTo("NOTIFIED");
        assertThat(stored.path("UpdatedAt").asText()).isEqualTo("2026-02-01T00:00:00Z");
    }

    @Test
    void analystUpdatesChangeTheNineFieldsButNotUpdatedAt() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        analystUpdate(product, "f", "\"Note\":{\"Text\":\"looked at it\",\"UpdatedBy\":\"alice\"},"
                + "\"Severity\":{\"Normalized\":95},\"VerificationState\":\"TRUE_POSITIVE\",\"Confidence\":80,"
                + "\"Criticality\":60,\"Types\":[\"TTPs/Execution\"],\"UserDefinedFields\":{\"ticket\":\"SEC-1\"},"
                + "\"Workflow\":{\"Status\":\"NOTIFIED\"},"
                + "\"RelatedFindings\":[{\"ProductArn\":\"" + product + "\",\"Id\":\"other\"}]");
        JsonNode stored = db.document(product, "f");
        assertThat(stored.path("Note").path("Text").asText()).isEqualTo("looked at it");
        assertThat(stored.path("Note").path("UpdatedAt").asText()).isNotEmpty();
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(stored.path("VerificationState").asText()).isEqualTo("TRUE_POSITIVE");
        assertThat(stored.path("Confidence").intValue()).isEqualTo(80);
        assertThat(stored.path("Criticality").intValue()).isEqualTo(60);
        assertThat(stored.path("Types").get(0).asText()).isEqualTo("TTPs/Execution");
        assertThat(stored.path("UserDefinedFields").path("ticket").asText()).isEqualTo("SEC-1");
        assertThat(stored.path("Workflow").path("Status").asText()).isEqualTo("NOTIFIED");
        assertThat(stored.path("RelatedFindings").get(0).path("Id").asText()).isEqualTo("other");
        assertThat(stored.path("UpdatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(db.count("SELECT COUNT(*) FROM finding_history h JOIN finding f ON f.id = h.finding_id "
                + "WHERE f.product_arn = ? AND h.source_type = 'BATCH_UPDATE_FINDINGS'", product)).isGreaterThanOrEqualTo(9);
    }

    @Test
    void batchUpdateReportsUnknownAndDuplicatedIdentifiers() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        String f = "{\"ProductArn\":\"" + product + "\",\"Id\":\"f\"}";
        String missing = "{\"ProductArn\":\"" + product + "\",\"Id\":\"missing\"}";
        var response = Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[" + f + "," + missing + "," + f + "],"
                        + "\"Workflow\":{\"Status\":\"RESOLVED\"}}")
                .statusCode(200).extract().jsonPath();
        assertThat(response.getList("ProcessedFindings.Id")).containsExactly("f");
        assertThat(response.getList("UnprocessedFindings.ErrorCode"))
                .containsExactlyInAnyOrder("DuplicatedFindingIdentifier", "FindingNotFound");
        assertThat(db.document(product, "f").path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void batchUpdateRefusesBadInputWithInvalidInputException() {
        String product = newProductArn();
        String id = "{\"ProductArn\":\"" + product + "\",\"Id\":\"f\"}";
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[" + id + "]}")
                .statusCode(400).body("Message", org.hamcrest.Matchers.containsString("at least one field"));
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[" + id + "],\"Confidence\":101}")
                .statusCode(400).body("Message", equalTo("Confidence must be between 0 and 100, not 101"));
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[" + id + "],\"Workflow\":{\"Status\":\"DONE\"}}")
                .statusCode(400).body("Message", org.hamcrest.Matchers.containsString("Workflow.Status must be one of"));
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[],\"Confidence\":1}")
                .statusCode(400).body("Message", org.hamcrest.Matchers.containsString("less than minimum value: 1"));
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[" + id + "],\"Types\":[\"Too/Many/Type/Segments\"]}")
                .statusCode(400).body("Message", equalTo("Types[0]: does not match ^([^/]+)(/[^/]+){0,2}$"));
    }

    static void analystUpdate(String product, String id, String fields) {
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"ProductArn\":\"" + product + "\",\"Id\":\"" + id + "\"}],"
                + fields + "}").statusCode(200).body("UnprocessedFindings.size()", equalTo(0));
    }
}
