package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchImportFindingsTest {

    @Inject
    TestDatabase db;

    @Test
    void validFindingsAreStoredAndCountedExactly() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "a"), finding(product, "b"), finding(product, "c")))
                .statusCode(200)
                .body("SuccessCount", equalTo(3))
                .body("FailedCount", equalTo(0))
                .body("FailedFindings", empty());
        assertThat(db.findings(product)).isEqualTo(3);
    }

    @Test
    void invalidFindingsAreRefusedOneByOneWhileTheValidOnesAreStored() {
        String product = newProductArn();
        ObjectNode noTitle = finding(product, "no-title");
        noTitle.remove("Title");
        ObjectNode badLabel = finding(product, "bad-label");
        badLabel.putObject("Severity").put("Label", "SEVERE");
        ObjectNode longDescription = finding(product, "long-description");
        longDescription.put("Description", "x".repeat(1025));
        ObjectNode badTime = finding(product, "bad-time");
        badTime.put("UpdatedAt", "yesterday");
        ObjectNode badType = finding(product, "bad-type");
        badType.putArray("Types").add("TTPs/Discovery/Recon/Portscan");
        ObjectNode resourceWithoutType = finding(product, "resource-without-type");
        ((ObjectNode) resourceWithoutType.get("Resources").get(0)).remove("Type");

        var response = Api.importFindings(importBody(finding(product, "good-1"), noTitle, badLabel, longDescription,
                        badTime, badType, resourceWithoutType, finding(product, "good-2")))
                .statusCode(200)
                .body("SuccessCount", equalTo(2))
                .body("FailedCount", equalTo(6))
                .body("FailedFindings", hasSize(6))
                .extract().jsonPath();

        assertThat(response.getList("FailedFindings.Id"))
                .containsExactly("no-title", "bad-label", "long-description", "bad-time", "bad-type", "resource-without-type");
        assertThat(response.getList("FailedFindings.ErrorCode")).containsOnly("InvalidInput");
        List<String> messages = response.getList("FailedFindings.ErrorMessage");
        assertThat(messages).allMatch(m -> m.startsWith("Finding does not adhere to Amazon Finding Format."));
        assertThat(messages.get(0)).contains("Title");
        assertThat(messages.get(1)).contains("Severity.Label");
        assertThat(messages.get(2)).contains("Description").contains("1,024");
        assertThat(messages.get(3)).contains("UpdatedAt");
        assertThat(messages.get(4)).contains("Types[0]: does not match ^([^/]+)(/[^/]+){0,2}$");
        assertThat(messages.get(5)).contains("Resources[0]").contains("Type");
        assertThat(db.findings(product)).isEqualTo(2);
    }

    @Test
    void aFindingNeedsASeverityAndTypesSomewhere() {
        String product = newProductArn();
        ObjectNode unrated = finding(product, "unrated");
        unrated.remove("Severity");
        ObjectNode untyped = finding(product, "untyped");
        untyped.remove("Types");
        ObjectNode ratedByProvider = finding(product, "rated-by-provider");
        ratedByProvider.remove("Severity");
        ratedByProvider.remove("Types");
        ratedByProvider.putObject("FindingProviderFields").put("Confidence", 50)
                .<ObjectNode>set("Severity", Json.object().put("Label", "LOW"))
                .putArray("Types").add("TTPs/Discovery");

        var response = Api.importFindings(importBody(unrated, untyped, ratedByProvider))
                .statusCode(200).body("SuccessCount", equalTo(1)).extract().jsonPath();
        assertThat(response.getString("FailedFindings[0].ErrorMessage")).contains("Severity");
        assertThat(response.getString("FailedFindings[1].ErrorMessage")).contains("Types");
    }

    @Test
    void severityLabelAndNormalizedAreDerivedFromEachOther() {
        String product = newProductArn();
        ObjectNode labelled = finding(product, "labelled");
        labelled.putObject("Severity").put("Label", "MEDIUM");
        ObjectNode scored = finding(product, "scored");
        scored.putObject("Severity").put("Normalized", 75);
        ObjectNode zero = finding(product, "zero");
        zero.putObject("Severity").put("Normalized", 0);
        Api.importFindings(importBody(labelled, scored, zero)).statusCode(200).body("SuccessCount", equalTo(3));

        assertThat(db.document(product, "labelled").path("Severity").path("Normalized").intValue()).isEqualTo(40);
        assertThat(db.document(product, "scored").path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(db.document(product, "zero").path("Severity").path("Label").asText()).isEqualTo("INFORMATIONAL");
        assertThat(Severity.ofNormalized(39)).isEqualTo(Severity.LOW);
        assertThat(Severity.ofNormalized(89)).isEqualTo(Severity.HIGH);
        assertThat(Severity.ofNormalized(90)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void storedFindingsGetWhatSecurityHubAdds() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "plain"))).statusCode(200);
        JsonNode stored = db.document(product, "plain");
        String productId = product.substring(product.lastIndexOf('/') + 1);
        assertThat(stored.path("ProductName").asText()).isEqualTo(productId);
        assertThat(stored.path("CompanyName").asText()).isEqualTo("123456789012");
        assertThat(stored.path("Region").asText()).isEqualTo("eu-west-1");
        assertThat(stored.path("Workflow").path("Status").asText()).isEqualTo("NEW");
        assertThat(stored.path("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(stored.path("ProcessedAt").asText()).isNotEmpty();
        assertThat(stored.path("ProductFields").path("aws/securityhub/FindingId").asText()).isEqualTo(product + "/plain");
        assertThat(stored.path("FindingProviderFields").path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(stored.path("FindingProviderFields").path("Types").get(0).asText())
                .isEqualTo("Software and Configuration Checks/Vulnerabilities/CVE");
    }

    @Test
    void onCreationFindingProviderFieldsWinOverTheTopLevel() {
        String product = newProductArn();
        ObjectNode both = finding(product, "both");
        both.put("Confidence", 10);
        both.putObject("FindingProviderFields").put("Confidence", 90)
                .<ObjectNode>set("Severity", Json.object().put("Label", "CRITICAL").put("Original", "9.8"));
        Api.importFindings(importBody(both)).statusCode(200).body("SuccessCount", equalTo(1));
        JsonNode stored = db.document(product, "both");
        assertThat(stored.path("Confidence").intValue()).isEqualTo(90);
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(stored.path("Severity").path("Normalized").intValue()).isEqualTo(90);
        assertThat(stored.path("Severity").path("Original").asText()).isEqualTo("9.8");
    }

    @Test
    void moreThan100FindingsInOneCallAreRefusedAsAwsDoes() {
        String product = newProductArn();
        ObjectNode[] findings = new ObjectNode[101];
        for (int i = 0; i < findings.length; i++) {
            findings[i] = finding(product, "f" + i);
        }
        Api.importFindings(importBody(findings))
                .statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException")
                .body("Code", equalTo("InvalidInputException"))
                .body("Message", equalTo("Invalid parameter 'Findings'. Size '101' is greater than maximum value: 100."));
        assertThat(db.findings(product)).isZero();
    }

    @Test
    void anEmptyOrMissingFindingsListIsRefused() {
        Api.importFindings("{\"Findings\":[]}").statusCode(400).body("Message", containsString("less than minimum value: 1"));
        Api.importFindings("{}").statusCode(400).body("Message", equalTo("Findings is required"));
        Api.importFindings("{\"Findings\":{}}").statusCode(400).body("Message", containsString("must be a list"));
        Api.importFindings("{\"Findings\":[],\"Extra\":1}").statusCode(400).body("Message", containsString("Unknown member 'Extra'"));
    }

    @Test
    void aFindingOver240KilobytesIsRefusedAndTheOthersStored() {
        String product = newProductArn();
        ObjectNode big = finding(product, "big");
        ObjectNode details = ((ObjectNode) big.get("Resources").get(0)).putObject("Details").putObject("Other");
        for (int i = 0; i < 250; i++) {
            details.put("k" + i, "v".repeat(1000));
        }
        ObjectNode justUnder = finding(product, "just-under");
        ObjectNode smallDetails = ((ObjectNode) justUnder.get("Resources").get(0)).putObject("Details").putObject("Other");
        for (int i = 0; i < 200; i++) {
            smallDetails.put("k" + i, "v".repeat(1000));
        }
        var response = Api.importFindings(importBody(big, justUnder)).statusCode(200)
                .body("SuccessCount", equalTo(1)).body("FailedCount", equalTo(1)).extract().jsonPath();
        assertThat(response.getString("FailedFindings[0].Id")).isEqualTo("big");
        assertThat(response.getString("FailedFindings[0].ErrorMessage")).contains("240 KB");
    }

    @Test
    void aRequestBodyOver6MegabytesIsRefusedWithLimitExceeded() {
        String body = "{\"Findings\":[" + "\"" + "x".repeat(6 * 1024 * 1024) + "\"]}";
        Api.importFindings(body)
                .statusCode(413)
                .header("x-amzn-ErrorType", "LimitExceededException")
                .body("Message", containsString("6 MB"));
    }

    @Test
    void aBareArrayOfFindingsIsAcceptedLikeTheCliFindingsFile() {
        String product = newProductArn();
        Api.importFindings("[" + Json.write(finding(product, "bare")) + "]").statusCode(200).body("SuccessCount", equalTo(1));
        assertThat(db.findings(product)).isEqualTo(1);
    }
}
