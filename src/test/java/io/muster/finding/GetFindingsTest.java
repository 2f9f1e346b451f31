package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.format.AsffTime;
import io.muster.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GetFindings filters as Security Hub defines them. Every query is scoped to a product of this test's
 * own, so the expected answers are exact.
 */
@QuarkusTest
class GetFindingsTest {

    private String product;

    @BeforeEach
    void importFixtures() {
        product = newProductArn();
        ObjectNode f1 = finding(product, "f1");
        f1.put("Title", "Open port 22");
        f1.put("GeneratorId", "gen-network");
        f1.putArray("Types").add("TTPs/Initial Access/SSH");
        f1.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1");
        f1.put("Confidence", 80).put("Criticality", 50);
        f1.putObject("Compliance").put("Status", "FAILED").put("SecurityControlId", "EC2.13");
        f1.putObject("ProductFields").put("scanner/version", "1.0").put("scanner/kind", "network");
        f1.putObject("UserDefinedFields").put("owner", "alice");
        f1.put("UpdatedAt", "2026-01-10T00:00:00Z").put("FirstObservedAt", "2026-01-01T00:00:00Z")
                .put("LastObservedAt", "2026-01-09T00:00:00Z");

        ObjectNode f2 = finding(product, "f2");
        f2.put("Title", "Bucket logging off");
        f2.putObject("Severity").put("Label", "LOW");
        f2.putArray("Types").add("Software and Configuration Checks/AWS Security Best Practices");
        f2.putArray("Resources").addObject().put("Type", "AwsS3Bucket").put("Id", "arn:aws:s3:::logs");
        f2.put("Confidence", 20);
        f2.putObject("Compliance").put("Status", "PASSED").put("SecurityControlId", "S3.9");
        f2.putObject("ProductFields").put("scanner/version", "2.0");
        f2.put("RecordState", "ARCHIVED");
        f2.put("UpdatedAt", "2026-01-05T00:00:00Z");

        ObjectNode f3 = finding(product, "f3");
        f3.put("Title", "Admin role exposed");
        f3.putObject("Severity").put("Label", "CRITICAL");
        f3.putArray("Types").add("TTPs/Initial Access/SSH").add("Effects/Data Exposure");
        var resources = f3.putArray("Resources");
        resources.addObject().put("Type", "AwsEc2Instance").put("Id", "arn:aws:ec2:eu-west-1:123456789012:instance/i-3");
        resources.addObject().put("Type", "AwsIamRole").put("Id", "arn:aws:iam::123456789012:role/admin");
        f3.putObject("Workflow").put("Status", "NOTIFIED");
        f3.put("UpdatedAt", "2026-01-20T00:00:00Z");

        ObjectNode f4 = finding(product, "f4");
        f4.put("Title", "Open port 3389");
        f4.put("AwsAccountId", "210987654321");
        f4.put("Region", "us-east-1");
        f4.putObject("Severity").put("Normalized", 55);
        f4.put("Criticality", 10);
        f4.put("UpdatedAt", "2026-01-15T00:00:00Z");
        Api.importFindings(importBody(f1, f2, f3, f4)).statusCode(200).body("SuccessCount", equalTo(4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SeverityLabel EQUALS HIGH                       | \"SeverityLabel\":[{\"Value\":\"HIGH\",\"Comparison\":\"EQUALS\"}]                              | f1",
        "SeverityLabel EQUALS HIGH or LOW                | \"SeverityLabel\":[{\"Value\":\"HIGH\",\"Comparison\":\"EQUALS\"},{\"Value\":\"LOW\",\"Comparison\":\"EQUALS\"}] | f1 f2",
        "SeverityLabel NOT_EQUALS, ANDed                 | \"SeverityLabel\":[{\"Value\":\"HIGH\",\"Comparison\":\"NOT_EQUALS\"},{\"Value\":\"LOW\",\"Comparison\":\"NOT_EQUALS\"}] | f3 f4",
        "Title PREFIX                                    | \"Title\":[{\"Value\":\"Open port\",\"Comparison\":\"PREFIX\"}]                                 | f1 f4",
        "Title PREFIX with NOT_EQUALS exclusion          | \"Title\":[{\"Value\":\"Open\",\"Comparison\":\"PREFIX\"},{\"Value\":\"Open port 22\",\"Comparison\":\"NOT_EQUALS\"}] | f4",
        "Title PREFIX_NOT_EQUALS                         | \"Title\":[{\"Value\":\"Open\",\"Comparison\":\"PREFIX_NOT_EQUALS\"}]                          | f2 f3",
        "Title is case sensitive                         | \"Title\":[{\"Value\":\"open\",\"Comparison\":\"PREFIX\"}]                                      | ''",
        "Title CONTAINS                                  | \"Title\":[{\"Value\":\"port\",\"Comparison\":\"CONTAINS\"}]                                    | f1 f4",
        "Title NOT_CONTAINS                              | \"Title\":[{\"Value\":\"port\",\"Comparison\":\"NOT_CONTAINS\"}]                                | f2 f3",
        "Id EQUALS                                       | \"Id\":[{\"Value\":\"f3\",\"Comparison\":\"EQUALS\"}]                                            | f3",
        "ProductName EQUALS the ARN's product            | \"ProductName\":[{\"Value\":\"nope\",\"Comparison\":\"EQUALS\"}]                               | ''",
        "CompanyName EQUALS the ARN's company            | \"CompanyName\":[{\"Value\":\"123456789012\",\"Comparison\":\"EQUALS\"}]                       | f1 f2 f3 f4",
        "GeneratorId EQUALS                              | \"GeneratorId\":[{\"Value\":\"gen-network\",\"Comparison\":\"EQUALS\"}]                        | f1",
        "AwsAccountId EQUALS                             | \"AwsAccountId\":[{\"Value\":\"210987654321\",\"Comparison\":\"EQUALS\"}]                      | f4",
        "Region EQUALS given region                      | \"Region\":[{\"Value\":\"us-east-1\",\"Comparison\":\"EQUALS\"}]                               | f4",
        "Region EQUALS region from the ARN               | \"Region\":[{\"Value\":\"eu-west-1\",\"Comparison\":\"EQUALS\"}]                               | f1 f2 f3",
        "WorkflowStatus EQUALS                           | \"WorkflowStatus\":[{\"Value\":\"NOTIFIED\",\"Comparison\":\"EQUALS\"}]                         | f3",
        "RecordState EQUALS ARCHIVED                     | \"RecordState\":[{\"Value\":\"ARCHIVED\",\"Comparison\":\"EQUALS\"}]                           | f2",
        "ComplianceStatus EQUALS                         | \"ComplianceStatus\":[{\"Value\":\"FAILED\",\"Comparison\":\"EQUALS\"}]                        | f1",
        "ComplianceStatus NOT_EQUALS matches missing     | \"ComplianceStatus\":[{\"Value\":\"FAILED\",\"Comparison\":\"NOT_EQUALS\"}]                    | f2 f3 f4",
        "ComplianceSecurityControlId PREFIX              | \"ComplianceSecurityControlId\":[{\"Value\":\"S3.\",\"Comparison\":\"PREFIX\"}]               | f2",
        "Type PREFIX matches any element                 | \"Type\":[{\"Value\":\"TTPs/Initial Access\",\"Comparison\":\"PREFIX\"}]                       | f1 f3",
        "Type EQUALS the second element                  | \"Type\":[{\"Value\":\"Effects/Data Exposure\",\"Comparison\":\"EQUALS\"}]                     | f3",
        "Type NOT_EQUALS excludes when any element equals| \"Type\":[{\"Value\":\"Effects/Data Exposure\",\"Comparison\":\"NOT_EQUALS\"}]                 | f1 f2 f4",
        "ResourceType EQUALS any resource                | \"ResourceType\":[{\"Value\":\"AwsIamRole\",\"Comparison\":\"EQUALS\"}]                       | f3",
        "ResourceType PREFIX and NOT_EQUALS              | \"ResourceType\":[{\"Value\":\"Aws\",\"Comparison\":\"PREFIX\"},{\"Value\":\"AwsS3Bucket\",\"Comparison\":\"NOT_EQUALS\"}] | f1 f3 f4",
        "ResourceId PREFIX                               | \"ResourceId\":[{\"Value\":\"arn:aws:ec2:\",\"Comparison\":\"PREFIX\"}]                        | f1 f3",
        "ResourceId with LIKE wildcards matches literally| \"ResourceId\":[{\"Value\":\"arn:aws:ec2%\",\"Comparison\":\"PREFIX\"}]                        | ''",
        "SeverityNormalized Gte 40 Lte 70                | \"SeverityNormalized\":[{\"Gte\":40,\"Lte\":70}]                                               | f1 f4",
        "SeverityNormalized Gt 70 or Lt 40               | \"SeverityNormalized\":[{\"Gt\":70},{\"Lt\":40}]                                                | f2 f3",
        "Confidence Eq                                   | \"Confidence\":[{\"Eq\":80}]                                                                   | f1",
        "Confidence Lt: a missing value never matches    | \"Confidence\":[{\"Lt\":50}]                                                                   | f2",
        "Criticality Gte                                 | \"Criticality\":[{\"Gte\":10}]                                                                 | f1 f4",
        "UpdatedAt Start and End                         | \"UpdatedAt\":[{\"Start\":\"2026-01-05T00:00:00Z\",\"End\":\"2026-01-15T00:00:00Z\"}]            | f1 f2 f4",
        "UpdatedAt End with offset                       | \"UpdatedAt\":[{\"End\":\"2026-01-10T01:00:00+01:00\"}]                                         | f1 f2",
        "CreatedAt Start                                 | \"CreatedAt\":[{\"Start\":\"2026-01-01T00:00:00Z\"}]                                           | f1 f2 f3 f4",
        "FirstObservedAt Start and End                   | \"FirstObservedAt\":[{\"Start\":\"2025-12-31T00:00:00Z\",\"End\":\"2026-01-02T00:00:00Z\"}]     | f1",
        "LastObservedAt End                              | \"LastObservedAt\":[{\"End\":\"2026-01-09T00:00:00Z\"}]                                         | f1",
        "ProductFields EQUALS                            | \"ProductFields\":[{\"Key\":\"scanner/version\",\"Value\":\"1.0\",\"Comparison\":\"EQUALS\"}]    | f1",
        "ProductFields NOT_EQUALS                        | \"ProductFields\":[{\"Key\":\"scanner/version\",\"Value\":\"1.0\",\"Comparison\":\"NOT_EQUALS\"}] | f2 f3 f4",
        "UserDefinedFields EQUALS                        | \"UserDefinedFields\":[{\"Key\":\"owner\",\"Value\":\"alice\",\"Comparison\":\"EQUALS\"}]       | f1",
        "Attributes are ANDed                            | \"SeverityLabel\":[{\"Value\":\"LOW\",\"Comparison\":\"NOT_EQUALS\"}],\"Type\":[{\"Value\":\"TTPs\",\"Comparison\":\"PREFIX\"}] | f1 f3",
    })
    void filtersSelectExactlyTheMatchingFindings(String description, String filter, String expected) {
        List<String> expectedIds = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));
        assertThat(ids(filter)).as(description).containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    void mapFiltersMatchWholeEntriesWhateverCharactersTheyHold() {
        String maps = newProductArn();
        ObjectNode tricky = finding(maps, "tricky");
        tricky.putObject("ProductFields")
                .put("quote\"key", "value, with \"quotes\"")
                .put("path\\key", "C:\\temp\\")
                .put("decoy", "x\",\"owner\":\"alice\",")
                .put("percent%", "50%_off");
        ObjectNode plain = finding(maps, "plain");
        plain.putObject("ProductFields").put("owner", "alice");
        Api.importFindings(importBody(tricky, plain)).statusCode(200).body("SuccessCount", equalTo(2));

        assertThat(ids(maps, mapEquals("quote\\\"key", "value, with \\\"quotes\\\""))).containsExactly("tricky");
        assertThat(ids(maps, mapEquals("path\\\\key", "C:\\\\temp\\\\"))).containsExactly("tricky");
        assertThat(ids(maps, mapEquals("percent%", "50%_off"))).containsExactly("tricky");
        assertThat(ids(maps, mapEquals("percent%", "50%xoff"))).isEmpty();
        assertThat(ids(maps, mapEquals("owner", "alice"))).as("an entry spelt out inside a value is not an entry")
                .containsExactly("plain");
        assertThat(ids(maps, mapEquals("quote", "x"))).isEmpty();
    }

    private static String mapEquals(String key, String value) {
        return "\"ProductFields\":[{\"Key\":\"" + key + "\",\"Value\":\"" + value + "\",\"Comparison\":\"EQUALS\"}]";
    }

    @Test
    void relativeDateRangesCountBackFromNow() {
        String recent = newProductArn();
        Instant now = Instant.now();
        ObjectNode fresh = finding(recent, "fresh").put("UpdatedAt", AsffTime.format(now.minus(Duration.ofDays(2))));
        ObjectNode old = finding(recent, "old").put("UpdatedAt", AsffTime.format(now.minus(Duration.ofDays(30))));
        Api.importFindings(importBody(fresh, old)).statusCode(200);
        assertThat(ids(recent, "\"UpdatedAt\":[{\"DateRange\":{\"Value\":7,\"Unit\":\"DAYS\"}}]")).containsExactly("fresh");
        assertThat(ids(recent, "\"UpdatedAt\":[{\"DateRange\":{\"Value\":10,\"Unit\":\"DAYS\",\"Comparison\":\"OLDER_THAN\"}}]"))
                .containsExactly("old");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EQUALS with NOT_EQUALS            | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"EQUALS\"},{\"Value\":\"b\",\"Comparison\":\"NOT_EQUALS\"}]          | EQUALS with NOT_EQUALS",
        "EQUALS with PREFIX_NOT_EQUALS     | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"EQUALS\"},{\"Value\":\"b\",\"Comparison\":\"PREFIX_NOT_EQUALS\"}]   | EQUALS with PREFIX_NOT_EQUALS",
        "CONTAINS with NOT_CONTAINS        | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"CONTAINS\"},{\"Value\":\"b\",\"Comparison\":\"NOT_CONTAINS\"}]      | CONTAINS with NOT_CONTAINS",
        "CONTAINS with EQUALS              | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"CONTAINS\"},{\"Value\":\"b\",\"Comparison\":\"EQUALS\"}]            | only be combined with itself",
        "NOT_CONTAINS with NOT_EQUALS      | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"NOT_CONTAINS\"},{\"Value\":\"b\",\"Comparison\":\"NOT_EQUALS\"}]    | only be combined with itself",
        "unknown comparison                | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"LIKE\"}]                                                        | Filters.Title[0].Comparison must be one of",
        "CONTAINS_WORD is for the V2 APIs  | \"Title\":[{\"Value\":\"a\",\"Comparison\":\"CONTAINS_WORD\"}]                                               | V2",
        "missing Value                     | \"Title\":[{\"Comparison\":\"EQUALS\"}]                                                                      | Filters.Title[0].Value is required",
        "Value of the wrong type           | \"Title\":[{\"Value\":7,\"Comparison\":\"EQUALS\"}]                                                          | Filters.Title[0].Value must be a string",
        "unknown attribute                 | \"Titel\":[{\"Value\":\"a\",\"Comparison\":\"EQUALS\"}]                                                      | in Filters is not a finding attribute Muster can filter on",
        "a filter that is not a list       | \"Title\":{\"Value\":\"a\",\"Comparison\":\"EQUALS\"}                                                        | Filters.Title must be a list",
        "an empty number filter            | \"Confidence\":[{}]                                                                                          | needs at least one of Gte",
        "a number filter with text         | \"Confidence\":[{\"Gte\":\"high\"}]                                                                          | Filters.Confidence[0].Gte must be a number",
        "a date that is not a date         | \"UpdatedAt\":[{\"Start\":\"last week\",\"End\":\"2026-01-01T00:00:00Z\"}]                                    | Filters.UpdatedAt[0].Start must be an ISO-8601 date-time",
        "a date range in hours             | \"UpdatedAt\":[{\"DateRange\":{\"Value\":1,\"Unit\":\"HOURS\"}}]                                              | must be DAYS",
        "Start after End                   | \"UpdatedAt\":[{\"Start\":\"2026-02-01T00:00:00Z\",\"End\":\"2026-01-01T00:00:00Z\"}]                          | is after its End",
        "a map CONTAINS (automation rules) | \"ProductFields\":[{\"Key\":\"k\",\"Value\":\"v\",\"Comparison\":\"CONTAINS\"}]                               | work in automation rules only",
        "a map comparison PREFIX           | \"ProductFields\":[{\"Key\":\"k\",\"Value\":\"v\",\"Comparison\":\"PREFIX\"}]                                 | for a map filter",
        "a map filter without Key          | \"ProductFields\":[{\"Value\":\"v\",\"Comparison\":\"EQUALS\"}]                                             | Filters.ProductFields[0].Key is required",
    })
    void illegalFiltersAreRefusedWithAnExplanation(String description, String filter, String message) {
        Api.getFindings("{\"Filters\":{" + filter + "}}").then()
                .statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException")
                .body("Message", containsString(message));
    }

    @Test
    void aFilterHasAtMostTenAttributesAndTwentyValuesEach() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            values.append(i == 0 ? "" : ",").append("{\"Value\":\"v").append(i).append("\",\"Comparison\":\"EQUALS\"}");
        }
        Api.getFindings("{\"Filters\":{\"Title\":[" + values + "]}}").then().statusCode(400)
                .body("Message", containsString("at most 20"));
        String eleven = "\"Id\":[],\"ProductArn\":[],\"ProductName\":[],\"CompanyName\":[],\"GeneratorId\":[],"
                + "\"AwsAccountId\":[],\"Region\":[],\"Title\":[],\"SeverityLabel\":[],\"WorkflowStatus\":[],\"RecordState\":[]";
        Api.getFindings("{\"Filters\":{" + eleven + "}}").then().statusCode(400).body("Message", containsString("at most 10"));
    }

    @Test
    void sortCriteriaOrderTheResultsWithMissingValuesLast() {
        assertThat(sortedIds("{\"Field\":\"SeverityNormalized\",\"SortOrder\":\"desc\"}")).containsExactly("f3", "f1", "f4", "f2");
        assertThat(sortedIds("{\"Field\":\"Title\",\"SortOrder\":\"asc\"}")).containsExactly("f3", "f2", "f1", "f4");
        assertThat(sortedIds("{\"Field\":\"Confidence\",\"SortOrder\":\"asc\"}").subList(0, 2)).containsExactly("f2", "f1");
        assertThat(sortedIds("{\"Field\":\"Confidence\",\"SortOrder\":\"desc\"}").subList(0, 2)).containsExactly("f1", "f2");
        assertThat(sortedIds("{\"Field\":\"UpdatedAt\",\"SortOrder\":\"desc\"}")).containsExactly("f3", "f4", "f1", "f2");
        assertThat(sortedIds("{\"Field\":\"AwsAccountId\",\"SortOrder\":\"desc\"},{\"Field\":\"UpdatedAt\"}"))
                .containsExactly("f4", "f2", "f1", "f3");
    }

    @Test
    void sortingOnAnUnknownOrMultiValuedFieldIsRefused() {
        Api.getFindings("{\"SortCriteria\":[{\"Field\":\"ResourceId\",\"SortOrder\":\"asc\"}]}").then().statusCode(400)
                .body("Message", containsString("not a field Muster can sort on"));
        Api.getFindings("{\"SortCriteria\":[{\"Field\":\"Title\",\"SortOrder\":\"up\"}]}").then().statusCode(400)
                .body("Message", containsString("asc or desc"));
    }

    @Test
    void pagesCoverEveryFindingOnceInEverySortOrder() {
        for (String sort : List.of("", "{\"Field\":\"Title\"}", "{\"Field\":\"Confidence\",\"SortOrder\":\"desc\"}",
                "{\"Field\":\"SeverityLabel\"},{\"Field\":\"Criticality\",\"SortOrder\":\"desc\"}")) {
            List<String> all = sortedIds(sort);
            List<String> paged = new ArrayList<>();
            String token = null;
            do {
                var page = Api.getFindings(request(sort, 1, token)).then().statusCode(200).extract().jsonPath();
                paged.addAll(page.getList("Findings.Id"));
                token = page.getString("NextToken");
            } while (token != null);
            assertThat(paged).as("sort %s", sort).containsExactlyElementsOf(all);
        }
    }

    @Test
    void maxResultsAndNextTokenAreChecked() {
        Api.getFindings("{\"MaxResults\":0}").then().statusCode(400).body("Message", equalTo("MaxResults must be between 1 and 100, not 0"));
        Api.getFindings("{\"MaxResults\":101}").then().statusCode(400);
        Api.getFindings("{\"NextToken\":\"not-a-token\"}").then().statusCode(400).body("Message", containsString("NextToken"));
        String token = Api.getFindings(request("", 1, null)).then().statusCode(200).extract().path("NextToken");
        Api.getFindings("{\"NextToken\":\"" + token + "\",\"MaxResults\":1}").then().statusCode(400)
                .body("Message", containsString("same filters"));
    }

    @Test
    void pagingIsStableWhileImportsContinue() throws Exception {
        List<String> expected = sortedIds("");
        Thread importer = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                Api.importFindings(importBody(finding(product, "late-" + i)));
            }
        });
        List<String> paged = new ArrayList<>();
        String token = null;
        boolean first = true;
        do {
            var page = Api.getFindings(request("", 1, token)).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("Findings.Id"));
            token = page.getString("NextToken");
            if (first) {
                importer.start();
                importer.join();
                first = false;
            }
        } while (token != null);
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(ids("")).hasSize(14);
    }

    private String request(String sort, int maxResults, String token) {
        return "{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]},"
                + "\"SortCriteria\":[" + sort + "],\"MaxResults\":" + maxResults
                + (token == null ? "" : ",\"NextToken\":\"" + token + "\"") + "}";
    }

    private List<String> sortedIds(String sort) {
        return Api.getFindings(request(sort, 100, null)).then().statusCode(200).extract().jsonPath().getList("Findings.Id");
    }

    private List<String> ids(String filter) {
        return ids(product, filter);
    }

    private static List<String> ids(String product, String filter) {
        String filters = "\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]" + (filter.isBlank() ? "" : "," + filter);
        return Api.getFindings("{\"Filters\":{" + filters + "}}").then().statusCode(200).extract().jsonPath().getList("Findings.Id");
    }
}
