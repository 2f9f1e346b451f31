package io.muster.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateInsight, GetInsights, UpdateInsight, DeleteInsight and GetInsightResults over REST, with their rules and errors. */
@QuarkusTest
class InsightsTest {

    private String account;
    private String product;

    @BeforeEach
    void freshAccount() {
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        product = Asff.newProductArn();
    }

    @Test
    void aCustomInsightIsCreatedReadUpdatedAndDeleted() {
        importFindings(finding("a", "HIGH", "r1"), finding("b", "HIGH", "r2"), finding("c", "LOW", "r1"));
        String arn = create("High findings by resource", filters(), "ResourceId");
        assertThat(arn).matches("arn:aws:securityhub:[a-z0-9-]+:\\d{12}:insight/\\d{12}/custom/[0-9a-f-]{36}");

        JsonPath got = Api.post("/insights/get", "{\"InsightArns\":[\"" + arn + "\"]}").statusCode(200).extract().jsonPath();
        assertThat(got.getString("Insights[0].Name")).isEqualTo("High findings by resource");
        assertThat(got.getString("Insights[0].GroupByAttribute")).isEqualTo("ResourceId");
        assertThat(got.getString("Insights[0].Filters.AwsAccountId[0].Value")).isEqualTo(account);
        assertThat(groups(arn)).containsExactly(Map.of("GroupByAttributeValue", "r1", "Count", 2),
                Map.of("GroupByAttributeValue", "r2", "Count", 1));

        Api.request().body("{\"Name\":\"By severity\",\"GroupByAttribute\":\"SeverityLabel\"}").patch("/insights/" + arn).then()
                .statusCode(200);
        JsonPath updated = Api.post("/insights/get", "{\"InsightArns\":[\"" + arn + "\"]}").statusCode(200).extract().jsonPath();
        assertThat(updated.getString("Insights[0].Name")).isEqualTo("By severity");
        assertThat(updated.getString("Insights[0].Filters.AwsAccountId[0].Value")).as("filters kept").isEqualTo(account);
        assertThat(groups(arn)).containsExactly(Map.of("GroupByAttributeValue", "HIGH", "Count", 2),
                Map.of("GroupByAttributeValue", "LOW", "Count", 1));

        Api.request().delete("/insights/" + arn).then().statusCode(200).body("InsightArn", org.hamcrest.Matchers.equalTo(arn));
        Api.post("/insights/get", "{\"InsightArns\":[\"" + arn + "\"]}").statusCode(404)
                .header("x-amzn-ErrorType", "ResourceNotFoundException").body("Message", containsString(arn));
        Api.request().get("/insights/results/" + arn).then().statusCode(404);
        Api.request().delete("/insights/" + arn).then().statusCode(404);
    }

    @Test
    void getInsightsListsCustomInsightsOnlyUnlessAManagedOneIsNamed() {
        String arn = create("Mine", filters(), "ResourceType");
        try {
            List<String> all = allCustomArns();
            assertThat(all).contains(arn).noneMatch(a -> a.startsWith(ManagedInsights.ARN_PREFIX));
            JsonPath managed = Api.post("/insights/get", "{\"InsightArns\":[\"" + ManagedInsights.ARN_PREFIX + "29\"]}").statusCode(200)
                    .extract().jsonPath();
            assertThat(managed.getString("Insights[0].Name")).isEqualTo("Severity by counts of findings");
            assertThat(managed.getString("Insights[0].GroupByAttribute")).isEqualTo("SeverityLabel");
            assertThat(managed.getList("Insights[0].Filters.WorkflowStatus.Value")).containsExactly("NEW", "NOTIFIED");
            assertThat(managed.getList("Insights[0].Filters.RecordState.Value")).containsExactly("ACTIVE");
        } finally {
            Api.request().delete("/insights/" + arn).then().statusCode(200);
        }
    }

    @Test
    void getInsightsPagesWithMaxResults() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create("Page " + i, filters(), "ResourceId"));
        }
        try {
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                String body = token == null ? "{\"MaxResults\":2}" : "{\"MaxResults\":2,\"NextToken\":\"" + token + "\"}";
                JsonPath page = Api.post("/insights/get", body).statusCode(200).extract().jsonPath();
                assertThat(page.getList("Insights")).hasSizeLessThanOrEqualTo(2);
                seen.addAll(page.getList("Insights.InsightArn"));
                token = page.getString("NextToken");
            } while (token != null);
            assertThat(seen).containsAll(created).doesNotHaveDuplicates();
        } finally {
            created.forEach(arn -> Api.request().delete("/insights/" + arn).then().statusCode(200));
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        Api.post("/insights", "{\"Filters\":{},\"GroupByAttribute\":\"ResourceId\"}").statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException").body("Message", containsString("Name"));
        Api.post("/insights", "{\"Name\":\"x\",\"GroupByAttribute\":\"ResourceId\"}").statusCode(400).body("Message", containsString("Filters"));
        Api.post("/insights", "{\"Name\":\"x\",\"Filters\":{}}").statusCode(400).body("Message", containsString("GroupByAttribute"));
        Api.post("/insights", "{\"Name\":\"x\",\"Filters\":{},\"GroupByAttribute\":\"Colour\"}").statusCode(400)
                .body("Message", containsString("'Colour' is not an AwsSecurityFindingFilters attribute"));
        Api.post("/insights", "{\"Name\":\"x\",\"Filters\":{},\"GroupByAttribute\":\"SeverityNormalized\"}").statusCode(400)
                .body("Message", containsString("is a number attribute"));
        Api.post("/insights", "{\"Name\":\"x\",\"Filters\":{\"SeverityLabel\":[{\"Value\":\"HIGH\",\"Comparison\":\"BIGGER\"}]},"
                + "\"GroupByAttribute\":\"ResourceId\"}").statusCode(400).body("Message", containsString("BIGGER"));
        Api.post("/insights", "{\"Name\":\"x\",\"Filters\":{},\"GroupByAttribute\":\"ResourceId\",\"Colour\":1}").statusCode(400)
                .body("Message", containsString("Colour"));

        String managed = ManagedInsights.ARN_PREFIX + "1";
        Api.request().body("{\"Name\":\"mine now\"}").patch("/insights/" + managed).then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException").body("Message", containsString("managed insight"));
        Api.request().delete("/insights/" + managed).then().statusCode(400).body("Message", containsString("managed insight"));
        Api.request().get("/insights/results/" + ManagedInsights.ARN_PREFIX + "2").then().statusCode(404)
                .header("x-amzn-ErrorType", "ResourceNotFoundException");
        Api.request().get("/insights/results/arn:aws:securityhub:us-east-1:123456789012:insight/123456789012/custom/nope").then()
                .statusCode(404).body("Message", containsString("No insight has the ARN"));
        Api.request().body("{\"Name\":\"\"}").patch("/insights/arn:aws:securityhub:us-east-1:123456789012:insight/123456789012/custom/nope")
                .then().statusCode(404);
    }

    @Test
    void aMultiValuedAttributeCountsAFindingOncePerDistinctValue() {
        ObjectNode twoResources = finding("two", "HIGH", "r1");
        ((ArrayNode) twoResources.get("Resources")).addObject().put("Type", "AwsS3Bucket").put("Id", "r2");
        ((ArrayNode) twoResources.get("Resources")).addObject().put("Type", "AwsEc2Instance").put("Id", "r1");
        importFindings(twoResources, finding("one", "HIGH", "r1"));
        String byResource = create("By resource", filters(), "ResourceId");
        String byType = create("By type", filters(), "ResourceType");
        try {
            assertThat(groups(byResource)).containsExactly(Map.of("GroupByAttributeValue", "r1", "Count", 2),
                    Map.of("GroupByAttributeValue", "r2", "Count", 1));
            assertThat(groups(byType)).containsExactly(Map.of("GroupByAttributeValue", "AwsEc2Instance", "Count", 2),
                    Map.of("GroupByAttributeValue", "AwsS3Bucket", "Count", 1));
        } finally {
            Api.request().delete("/insights/" + byResource).then().statusCode(200);
            Api.request().delete("/insights/" + byType).then().statusCode(200);
        }
    }

    @Test
    void groupsComeMostFindingsFirstTiesByValueAndAtMostAHundred() {
        List<ObjectNode> findings = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            findings.add(finding("one-" + i, "LOW", String.format("res-%03d", i)));
        }
        for (int i = 0; i < 3; i++) {
            findings.add(finding("hot-" + i, "LOW", "res-hot"));
        }
        findings.add(finding("warm-0", "LOW", "res-warm"));
        findings.add(finding("warm-1", "LOW", "res-warm"));
        for (int from = 0; from < findings.size(); from += 100) {
            importFindings(findings.subList(from, Math.min(findings.size(), from + 100)).toArray(ObjectNode[]::new));
        }
        String arn = create("Resources", filters(), "ResourceId");
        try {
            List<Map<String, Object>> groups = groups(arn);
            assertThat(groups).hasSize(InsightResults.MAX_GROUPS);
            assertThat(groups.get(0)).isEqualTo(Map.of("GroupByAttributeValue", "res-hot", "Count", 3));
            assertThat(groups.get(1)).isEqualTo(Map.of("GroupByAttributeValue", "res-warm", "Count", 2));
            assertThat(groups.get(2)).isEqualTo(Map.of("GroupByAttributeValue", "res-000", "Count", 1));
            assertThat(groups.get(99)).isEqualTo(Map.of("GroupByAttributeValue", "res-097", "Count", 1));
        } finally {
            Api.request().delete("/insights/" + arn).then().statusCode(200);
        }
    }

    @Test
    void aScopedCallerSeesOnlyItsAccountsInInsightResults() {
        String other = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        importFindings(finding("mine", "HIGH", "shared-resource"), finding("theirs", "HIGH", "shared-resource").put("AwsAccountId", other));
        ObjectNode both = Json.object();
        both.putArray("ProductArn").addObject().put("Comparison", "EQUALS").put("Value", product);
        String arn = create("Both accounts", both, "AwsAccountId");
        try {
            assertThat(groups(arn)).hasSize(2);
            List<String> seen = TestCallers.viewer(account).request().get("/insights/results/" + arn).then().statusCode(200).extract()
                    .jsonPath().getList("InsightResults.ResultValues.GroupByAttributeValue");
            assertThat(seen).containsExactly(account);
        } finally {
            Api.request().delete("/insights/" + arn).then().statusCode(200);
        }
    }

    @Test
    void noMoreThanAHundredCustomInsights() {
        int existing = allCustomArns().size();
        List<String> created = new ArrayList<>();
        try {
            for (int i = existing; i < Insights.MAX_CUSTOM; i++) {
                created.add(create("Quota " + i, Json.object(), "ResourceId"));
            }
            Api.post("/insights", "{\"Name\":\"one too many\",\"Filters\":{},\"GroupByAttribute\":\"ResourceId\"}").statusCode(429)
                    .header("x-amzn-ErrorType", "LimitExceededException").body("Message", containsString("at most 100 custom insights"));
        } finally {
            created.forEach(arn -> Api.request().delete("/insights/" + arn).then().statusCode(200));
        }
    }

    @Test
    void theManagedInsightsAreListedWithTheirFiltersAndGroupBy() {
        JsonPath managed = Api.request().get("/insights/managed").then().statusCode(200).extract().jsonPath();
        List<String> arns = managed.getList("Insights.InsightArn");
        assertThat(arns).hasSize(32).allMatch(arn -> arn.startsWith(ManagedInsights.ARN_PREFIX))
                .contains(ManagedInsights.ARN_PREFIX + "29");
        int severity = arns.indexOf(ManagedInsights.ARN_PREFIX + "29");
        assertThat(managed.getString("Insights[" + severity + "].GroupByAttribute")).isEqualTo("SeverityLabel");
        assertThat(managed.getList("Insights[" + severity + "].Filters.RecordState.Value")).containsExactly("ACTIVE");
    }

    @Test
    void findingsAreGroupedAsAnInsightWouldGroupThemWithoutSavingOne() {
        importFindings(finding("a", "HIGH", "r1"), finding("b", "HIGH", "r2"), finding("c", "LOW", "r1"));
        int customBefore = allCustomArns().size();
        ObjectNode body = Json.object().put("GroupByAttribute", "ResourceId");
        body.set("Filters", filters());
        JsonPath grouped = Api.post("/insights/group", Json.write(body)).statusCode(200).extract().jsonPath();
        assertThat(grouped.getString("GroupByAttribute")).isEqualTo("ResourceId");
        assertThat(grouped.getList("ResultValues")).containsExactly(Map.of("GroupByAttributeValue", "r1", "Count", 2),
                Map.of("GroupByAttributeValue", "r2", "Count", 1));
        assertThat(allCustomArns()).as("nothing saved").hasSize(customBefore);

        Api.post("/insights/group", "{\"GroupByAttribute\":\"NoSuchAttribute\"}").statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException").body("Message", containsString("NoSuchAttribute"));
        Api.post("/insights/group", "{\"Filters\":{}}").statusCode(400).body("Message", containsString("GroupByAttribute"));
        Api.post("/insights/group", "{\"GroupByAttribute\":\"SeverityLabel\",\"Filters\":{\"Bogus\":[]}}").statusCode(400)
                .body("Message", containsString("Bogus"));
    }

    private List<String> allCustomArns() {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String body = token == null ? "{}" : "{\"NextToken\":\"" + token + "\"}";
            JsonPath page = Api.post("/insights/get", body).statusCode(200).extract().jsonPath();
            arns.addAll(page.getList("Insights.InsightArn"));
            token = page.getString("NextToken");
        } while (token != null);
        return arns;
    }

    private ObjectNode filters() {
        ObjectNode filters = Json.object();
        filters.putArray("AwsAccountId").addObject().put("Comparison", "EQUALS").put("Value", account);
        return filters;
    }

    private String create(String name, ObjectNode filters, String groupBy) {
        ObjectNode body = Json.object().put("Name", name).put("GroupByAttribute", groupBy);
        body.set("Filters", filters);
        return Api.post("/insights", Json.write(body)).statusCode(200).extract().jsonPath().getString("InsightArn");
    }

    private List<Map<String, Object>> groups(String arn) {
        return Api.request().get("/insights/results/" + arn).then().statusCode(200).extract().jsonPath()
                .getList("InsightResults.ResultValues");
    }

    private ObjectNode finding(String id, String severity, String resourceId) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account);
        ((ObjectNode) finding.get("Severity")).put("Label", severity);
        ((ObjectNode) finding.get("Resources").get(0)).put("Id", resourceId);
        return finding;
    }

    private void importFindings(ObjectNode... findings) {
        Api.post("/findings/import", Asff.importBody(findings)).statusCode(200).body("FailedCount", org.hamcrest.Matchers.equalTo(0));
    }
}
