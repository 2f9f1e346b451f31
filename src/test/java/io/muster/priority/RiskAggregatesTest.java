package io.muster.priority;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The riskiest resources and accounts: open findings grouped and ranked by their highest priority, then
 * their sum; resolved findings do not count; a scoped caller sees only its accounts.
 */
@QuarkusTest
class RiskAggregatesTest {

    private static final String OTHER_ACCOUNT = "210987654321";

    private String productArn;
    /** Resource ids of this test's own (the same problem on the same resource under another product would add agreement points). */
    private final String run = "-" + java.util.UUID.randomUUID();

    @BeforeEach
    void storeFindings() {
        productArn = Asff.newProductArn();
        Api.importFindings(Asff.importBody(
                on("web-1", PriorityExamples.exposedExploitableCve(Asff.finding(productArn, "exploitable"))),
                on("web-1", PriorityExamples.privateFixableCve(Asff.finding(productArn, "fixable"))),
                on("db-1", PriorityExamples.commandAndControl(Asff.finding(productArn, "c2"))),
                on("db-1", PriorityExamples.unsureControlCheck(Asff.finding(productArn, "unsure"))),
                otherAccount(on("other-1", PriorityExamples.privateFixableCve(Asff.finding(productArn, "elsewhere"))))))
                .statusCode(200).body("FailedCount", org.hamcrest.Matchers.is(0));
    }

    @Test
    void theRiskiestResourcesComeFirst() {
        List<Map<String, Object>> resources = rank("/risk/resources", Api.request().body(openOf(productArn))).getList("Resources");
        assertThat(resources).extracting(r -> r.get("ResourceId")).containsExactly("web-1" + run, "other-1" + run, "db-1" + run);
        assertThat(resources.get(0)).containsEntry("MaxPriority", 100).containsEntry("TotalPriority", 173).containsEntry("Findings", 2);
        assertThat(resources.get(2)).containsEntry("MaxPriority", 70).containsEntry("TotalPriority", 96);
    }

    @Test
    void resolvedFindingsNoLongerCount() {
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"Id\":\"exploitable\",\"ProductArn\":\"" + productArn
                + "\"}],\"Workflow\":{\"Status\":\"RESOLVED\"}}").statusCode(200);
        List<Map<String, Object>> resources = rank("/risk/resources", Api.request().body(openOf(productArn))).getList("Resources");
        assertThat(resources).filteredOn(r -> ("web-1" + run).equals(r.get("ResourceId"))).singleElement()
                .satisfies(web -> assertThat(web).containsEntry("MaxPriority", 73).containsEntry("Findings", 1));
    }

    @Test
    void accountsAreRankedTooAndAScopedCallerSeesOnlyItsOwn() {
        List<Map<String, Object>> accounts = rank("/risk/accounts", Api.request().body(openOf(productArn))).getList("Accounts");
        assertThat(accounts).extracting(a -> a.get("AwsAccountId")).containsExactly(Asff.ACCOUNT, OTHER_ACCOUNT);
        assertThat(accounts.get(0)).containsEntry("TotalPriority", 269).containsEntry("Findings", 4);

        var viewer = TestCallers.viewer(OTHER_ACCOUNT);
        assertThat(rank("/risk/accounts", viewer.request().body(openOf(productArn))).getList("Accounts.AwsAccountId"))
                .containsExactly(OTHER_ACCOUNT);
        assertThat(rank("/risk/resources", viewer.request().body(openOf(productArn))).getList("Resources.ResourceId"))
                .containsExactly("other-1" + run);
    }

    @Test
    void resourcesTiedOnTheHighestPriorityAreRankedByTheirSumWhateverMaxResultsCutsOff() {
        String tied = Asff.newProductArn();
        Api.importFindings(Asff.importBody(
                on("tie-a", PriorityExamples.exposedExploitableCve(Asff.finding(tied, "a-top"))),
                on("tie-a", PriorityExamples.privateFixableCve(Asff.finding(tied, "a-more"))),
                on("tie-b", PriorityExamples.exposedExploitableCve(Asff.finding(tied, "b-top"))),
                on("tie-c", PriorityExamples.exposedExploitableCve(Asff.finding(tied, "c-top"))),
                on("tie-c", PriorityExamples.privateFixableCve(Asff.finding(tied, "c-more"))),
                on("tie-c", PriorityExamples.privateFixableCve(Asff.finding(tied, "c-most"))),
                on("low-d", PriorityExamples.privateFixableCve(Asff.finding(tied, "d-only")))))
                .statusCode(200).body("FailedCount", org.hamcrest.Matchers.is(0));
        String body = openOf(tied).replaceFirst("}$", ",\"MaxResults\":2}");
        List<Map<String, Object>> top = rank("/risk/resources", Api.request().body(body)).getList("Resources");
        assertThat(top).extracting(r -> r.get("ResourceId")).containsExactly("tie-c" + run, "tie-a" + run);
        assertThat(top.get(0)).containsEntry("MaxPriority", 100).containsEntry("Findings", 3);
        assertThat(rank("/risk/resources", Api.request().body(openOf(tied))).getList("Resources.ResourceId"))
                .containsExactly("tie-c" + run, "tie-a" + run, "tie-b" + run, "low-d" + run);
    }

    @Test
    void withoutFiltersOpenFindingsOfEveryAccountAreRankedAndBadInputIsRefused() {
        assertThat(rank("/risk/resources", Api.request().body("{\"MaxResults\":3}")).getList("Resources")).hasSizeLessThanOrEqualTo(3);
        Api.request().body("{\"MaxResults\":0}").post("/risk/resources").then().statusCode(400);
        Api.request().body("{\"Limit\":3}").post("/risk/accounts").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("Limit"));
    }

    private static JsonPath rank(String path, io.restassured.specification.RequestSpecification request) {
        return request.post(path).then().statusCode(200).extract().jsonPath();
    }

    private static String openOf(String productArn) {
        return "{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + productArn + "\",\"Comparison\":\"EQUALS\"}],"
                + "\"RecordState\":[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}],"
                + "\"WorkflowStatus\":[{\"Value\":\"NEW\",\"Comparison\":\"EQUALS\"},{\"Value\":\"NOTIFIED\",\"Comparison\":\"EQUALS\"}]}}";
    }

    private ObjectNode on(String resourceId, ObjectNode finding) {
        ObjectNode resource = (ObjectNode) finding.get("Resources").get(0);
        resource.put("Id", resourceId + run);
        return finding;
    }

    private static ObjectNode otherAccount(ObjectNode finding) {
        return finding.put("AwsAccountId", OTHER_ACCOUNT);
    }
}
