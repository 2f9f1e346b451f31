package io.muster.automation;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Automation rules change findings as they are imported: in RuleOrder, stopping at a terminal rule,
 * skipping disabled ones, with criteria on any of their attributes (maps included), and never touching a
 * finding stored before the rule until it is imported again. Every rule here is scoped to its test's own
 * product and deleted afterwards, since rules apply to every import.
 */
@QuarkusTest
class AutomationRulesTest {

    @Inject
    TestDatabase db;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteRules() {
        for (String arn : created) {
            Api.post("/automationrules/delete", "{\"AutomationRulesArns\":[\"" + arn + "\"]}").statusCode(200);
        }
        created.clear();
    }

    @Test
    void rulesApplyInOrderAndATerminalRuleStopsTheRest() {
        String product = newProductArn();
        rule(product, 10, false, "ENABLED", "", "\"Note\":{\"Text\":\"order 10\",\"UpdatedBy\":\"rules\"}");
        rule(product, 5, false, "ENABLED", "", "\"Severity\":{\"Label\":\"LOW\"},\"Note\":{\"Text\":\"order 5\",\"UpdatedBy\":\"rules\"}");
        rule(product, 20, true, "ENABLED", "", "\"Workflow\":{\"Status\":\"NOTIFIED\"}");
        rule(product, 30, false, "ENABLED", "", "\"VerificationState\":\"FALSE_POSITIVE\"");
        rule(product, 1, false, "DISABLED", "", "\"Criticality\":99");

        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        var stored = db.document(product, "f");
        assertThat(stored.path("Severity").path("Label").asText()).as("order 5 applied").isEqualTo("LOW");
        assertThat(stored.path("Note").path("Text").asText()).as("order 10 applied after order 5").isEqualTo("order 10");
        assertThat(stored.path("Workflow").path("Status").asText()).as("terminal rule applied").isEqualTo("NOTIFIED");
        assertThat(stored.has("VerificationState")).as("rule after the terminal one skipped").isFalse();
        assertThat(stored.has("Criticality")).as("disabled rule skipped").isFalse();

        var history = Api.post("/findingHistory/get", "{\"FindingIdentifier\":{\"Id\":\"f\",\"ProductArn\":\"" + product + "\"}}")
                .statusCode(200).extract().jsonPath();
        List<String> identities = history.getList("Records.UpdateSource.Identity");
        assertThat(identities).hasSize(4);
        assertThat(identities.subList(1, 4)).allMatch(i -> i.contains(":automation-rule/"));
        assertThat(identities.get(1)).isEqualTo(created.get(1));
    }

    @Test
    void criteriaWorkOnMapsAndOtherAttributesWithContains() {
        String product = newProductArn();
        rule(product, 1, false, "ENABLED", ",\"ResourceTags\":[{\"Key\":\"env\",\"Value\":\"pro\",\"Comparison\":\"CONTAINS\"}]",
                "\"UserDefinedFields\":{\"routed\":\"prod-team\"}");
        rule(product, 2, false, "ENABLED", ",\"Title\":[{\"Value\":\"secret\",\"Comparison\":\"CONTAINS\"}],"
                + "\"UserDefinedFields\":[{\"Key\":\"routed\",\"Value\":\"prod-team\",\"Comparison\":\"EQUALS\"}]",
                "\"Severity\":{\"Label\":\"CRITICAL\"}");
        ObjectNode prod = finding(product, "prod").put("Title", "leaked secret key");
        ((ObjectNode) prod.get("Resources").get(0)).putObject("Tags").put("env", "production");
        ObjectNode dev = finding(product, "dev").put("Title", "leaked secret key");
        ((ObjectNode) dev.get("Resources").get(0)).putObject("Tags").put("env", "dev");
        Api.importFindings(importBody(prod, dev)).statusCode(200);

        assertThat(db.document(product, "prod").path("UserDefinedFields").path("routed").asText()).isEqualTo("prod-team");
        assertThat(db.document(product, "prod").path("Severity").path("Label").asText()).as("second rule saw the first's change")
                .isEqualTo("CRITICAL");
        assertThat(db.document(product, "dev").has("UserDefinedFields")).isFalse();
        assertThat(db.document(product, "dev").path("Severity").path("Label").asText()).isEqualTo("HIGH");
    }

    @Test
    void aRuleCreatedLaterLeavesStoredFindingsAloneUntilTheyAreImportedAgain() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "old"))).statusCode(200);
        rule(product, 1, false, "ENABLED", "", "\"Workflow\":{\"Status\":\"SUPPRESSED\"}");
        assertThat(db.document(product, "old").path("Workflow").path("Status").asText()).isEqualTo("NEW");
        Api.importFindings(importBody(finding(product, "old"))).statusCode(200);
        assertThat(db.document(product, "old").path("Workflow").path("Status").asText()).as("same UpdatedAt: no change, no rule")
                .isEqualTo("NEW");
        Api.importFindings(importBody(finding(product, "old").put("UpdatedAt", "2026-04-01T00:00:00Z"))).statusCode(200);
        assertThat(db.document(product, "old").path("Workflow").path("Status").asText()).isEqualTo("SUPPRESSED");
    }

    @Test
    void rulesAreManagedAsInSecurityHub() {
        String product = newProductArn();
        String arn = rule(product, 7, false, "ENABLED", "", "\"Confidence\":10");
        var got = Api.post("/automationrules/get", "{\"AutomationRulesArns\":[\"" + arn + "\",\"arn:aws:securityhub:x:1:automation-rule/none\"]}")
                .statusCode(200).extract().jsonPath();
        assertThat(got.getString("Rules[0].RuleArn")).isEqualTo(arn);
        assertThat(got.getInt("Rules[0].RuleOrder")).isEqualTo(7);
        assertThat(got.getString("Rules[0].Actions[0].Type")).isEqualTo("FINDING_FIELDS_UPDATE");
        assertThat(got.getInt("UnprocessedAutomationRules[0].ErrorCode")).isEqualTo(404);

        Api.patch("/automationrules/update", "{\"UpdateAutomationRulesRequestItems\":[{\"RuleArn\":\"" + arn
                + "\",\"RuleStatus\":\"DISABLED\",\"RuleOrder\":8}]}").statusCode(200)
                .body("ProcessedAutomationRules[0]", equalTo(arn));
        var listed = Api.request().get("/automationrules/list?MaxResults=100").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("AutomationRulesMetadata.RuleArn")).contains(arn);
        int index = listed.getList("AutomationRulesMetadata.RuleArn").indexOf(arn);
        assertThat(listed.getString("AutomationRulesMetadata[" + index + "].RuleStatus")).isEqualTo("DISABLED");

        TestCallers.analyst().request().body("{\"RuleName\":\"x\",\"Description\":\"x\",\"RuleOrder\":1,\"Criteria\":{},"
                + "\"Actions\":[{\"Type\":\"FINDING_FIELDS_UPDATE\",\"FindingFieldsUpdate\":{\"Confidence\":1}}]}")
                .post("/automationrules/create").then().statusCode(403);
    }

    @Test
    void badRulesAreRefusedWithReasons() {
        String valid = "\"RuleName\":\"r\",\"Description\":\"d\",\"RuleOrder\":1";
        String action = "\"Actions\":[{\"Type\":\"FINDING_FIELDS_UPDATE\",\"FindingFieldsUpdate\":{\"Confidence\":1}}]";
        Api.post("/automationrules/create", "{" + valid + ",\"Criteria\":{\"NetworkSourceIpV4\":[{\"Cidr\":\"10.0.0.0/8\"}]}," + action + "}")
                .statusCode(400).body("Message", containsString("automation rule criteria"));
        Api.post("/automationrules/create", "{" + valid + ",\"Criteria\":{},\"Actions\":[]}").statusCode(400)
                .body("Message", containsString("less than minimum value: 1"));
        Api.post("/automationrules/create", "{" + valid + ",\"Criteria\":{},\"Actions\":[{\"Type\":\"DELETE\"}]}").statusCode(400)
                .body("Message", containsString("FINDING_FIELDS_UPDATE"));
        Api.post("/automationrules/create", "{\"RuleName\":\"r\",\"Description\":\"d\",\"RuleOrder\":1001,\"Criteria\":{}," + action + "}")
                .statusCode(400).body("Message", containsString("RuleOrder must be between 1 and 1000"));
        Api.post("/automationrules/create", "{" + valid + ",\"Criteria\":{},\"Actions\":[{\"Type\":\"FINDING_FIELDS_UPDATE\","
                + "\"FindingFieldsUpdate\":{\"Confidence\":101}}]}").statusCode(400).body("Message", containsString("Confidence"));
        Api.request().get("/automationrules/list?MaxResults=0").then().statusCode(400)
                .body("Message", containsString("MaxResults must be between 1 and 100, not '0'"));
        Api.request().get("/automationrules/list?NextToken=forged").then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException");
    }

    @Test
    void atMostOneHundredRules() {
        String product = newProductArn();
        String body = "{\"RuleName\":\"filler\",\"Description\":\"limit test\",\"RuleOrder\":1000,\"RuleStatus\":\"DISABLED\","
                + "\"Criteria\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]},"
                + "\"Actions\":[{\"Type\":\"FINDING_FIELDS_UPDATE\",\"FindingFieldsUpdate\":{\"Confidence\":1}}]}";
        int status = 200;
        for (int i = 0; i <= AutomationRules.MAX_RULES && status == 200; i++) {
            var response = Api.request().body(body).post("/automationrules/create");
            status = response.statusCode();
            if (status == 200) {
                created.add(response.path("RuleArn"));
            } else {
                assertThat(status).isEqualTo(429);
                assertThat(response.<String>path("Code")).isEqualTo("LimitExceededException");
            }
        }
        assertThat(status).isEqualTo(429);
    }

    private String rule(String product, int order, boolean terminal, String status, String extraCriteria, String update) {
        String arn = Api.post("/automationrules/create", "{\"RuleName\":\"rule " + order + "\",\"Description\":\"test rule\","
                + "\"RuleOrder\":" + order + ",\"IsTerminal\":" + terminal + ",\"RuleStatus\":\"" + status + "\","
                + "\"Criteria\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]" + extraCriteria + "},"
                + "\"Actions\":[{\"Type\":\"FINDING_FIELDS_UPDATE\",\"FindingFieldsUpdate\":{" + update + "}}]}")
                .statusCode(200).extract().path("RuleArn");
        created.add(arn);
        return arn;
    }
}
