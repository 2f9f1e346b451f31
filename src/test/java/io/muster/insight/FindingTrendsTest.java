package io.muster.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trends: New, Resolved and Open per UTC bucket. The data set, in an account of its own (March 2026, UTC):
 * <pre>
 *   old      created Feb 27 10:00, open                          MEDIUM
 *   late     created Mar 1 23:59:59.999, open                    HIGH
 *   midnight created Mar 2 00:00:00.000, open                    HIGH
 *   brief    created Mar 1 08:00, arrived archived (closed) Mar 2 10:00   LOW
 *   later    created Mar 2 12:00, arrived resolved (closed) Mar 3 05:00   HIGH
 * </pre>
 */
@QuarkusTest
class FindingTrendsTest {

    private String account;
    private String product;

    @BeforeEach
    void prepare() {
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        product = Asff.newProductArn();
        ObjectNode brief = finding("brief", "2026-03-01T08:00:00Z", "LOW").put("UpdatedAt", "2026-03-02T10:00:00Z").put("RecordState", "ARCHIVED");
        ObjectNode later = finding("later", "2026-03-02T12:00:00Z", "HIGH").put("UpdatedAt", "2026-03-03T05:00:00Z").put("RecordState", "ARCHIVED");
        Api.post("/findings/import", Asff.importBody(finding("old", "2026-02-27T10:00:00Z", "MEDIUM"),
                finding("late", "2026-03-01T23:59:59.999Z", "HIGH"), finding("midnight", "2026-03-02T00:00:00.000Z", "HIGH"), brief, later))
                .statusCode(200).body("FailedCount", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void dailyBucketsCountNewResolvedAndOpenAcrossMidnight() {
        JsonPath trend = trend("\"Interval\":\"DAY\",\"Start\":\"2026-03-01T00:00:00Z\",\"End\":\"2026-03-04T00:00:00Z\"");
        assertThat(trend.getString("Interval")).isEqualTo("DAY");
        assertThat(trend.getList("Series")).hasSize(1);
        assertThat(trend.getList("Series[0].Buckets")).containsExactly(
                bucket("2026-03-01T00:00:00.000Z", 2, 0, 3),
                bucket("2026-03-02T00:00:00.000Z", 2, 1, 4),
                bucket("2026-03-03T00:00:00.000Z", 0, 1, 3));
    }

    @Test
    void hourlyBucketsPutTheLastMillisecondBeforeMidnightAndMidnightApart() {
        JsonPath trend = trend("\"Interval\":\"HOUR\",\"Start\":\"2026-03-01T22:00:00Z\",\"End\":\"2026-03-02T02:00:00Z\"");
        assertThat(trend.getList("Series[0].Buckets")).containsExactly(
                bucket("2026-03-01T22:00:00.000Z", 0, 0, 2),
                bucket("2026-03-01T23:00:00.000Z", 1, 0, 3),
                bucket("2026-03-02T00:00:00.000Z", 1, 0, 4),
                bucket("2026-03-02T01:00:00.000Z", 0, 0, 4));
    }

    @Test
    void bucketsAreUtcWhateverOffsetTheWindowIsGivenIn() {
        // 01:00 at +02:00 is 23:00 UTC the day before: the first bucket is that UTC day
        JsonPath trend = trend("\"Interval\":\"DAY\",\"Start\":\"2026-03-02T01:00:00+02:00\",\"End\":\"2026-03-02T12:00:00+02:00\"");
        assertThat(trend.getString("Start")).isEqualTo("2026-03-01T00:00:00.000Z");
        assertThat(trend.getString("End")).isEqualTo("2026-03-03T00:00:00.000Z");
        assertThat(trend.getList("Series[0].Buckets.Start")).containsExactly("2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z");
    }

    @Test
    void aSplitGivesOneSeriesPerValueLargestFirst() {
        JsonPath trend = trend("\"Interval\":\"DAY\",\"Start\":\"2026-03-01T00:00:00Z\",\"End\":\"2026-03-04T00:00:00Z\","
                + "\"SplitBy\":\"SeverityLabel\"");
        assertThat(trend.getString("SplitBy")).isEqualTo("SeverityLabel");
        assertThat(trend.getList("Series.Value")).containsExactly("HIGH", "MEDIUM", "LOW");
        assertThat(trend.getList("Series[0].Buckets")).containsExactly(
                bucket("2026-03-01T00:00:00.000Z", 1, 0, 1),
                bucket("2026-03-02T00:00:00.000Z", 2, 0, 3),
                bucket("2026-03-03T00:00:00.000Z", 0, 1, 2));
        assertThat(trend.getList("Series[2].Buckets")).containsExactly(
                bucket("2026-03-01T00:00:00.000Z", 1, 0, 1),
                bucket("2026-03-02T00:00:00.000Z", 0, 1, 0),
                bucket("2026-03-03T00:00:00.000Z", 0, 0, 0));
    }

    @Test
    void aScopedCallerCountsOnlyItsAccounts() {
        String body = "{\"Interval\":\"DAY\",\"Start\":\"2026-03-01T00:00:00Z\",\"End\":\"2026-03-02T00:00:00Z\"}";
        JsonPath mine = TestCallers.viewer(account).request().body(body).post("/insights/trends").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("Series[0].Buckets")).containsExactly(bucket("2026-03-01T00:00:00.000Z", 2, 0, 3));
        String stranger = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        JsonPath theirs = TestCallers.viewer(stranger).request().body(body).post("/insights/trends").then().statusCode(200).extract().jsonPath();
        assertThat(theirs.getList("Series[0].Buckets")).containsExactly(bucket("2026-03-01T00:00:00.000Z", 0, 0, 0));
    }

    @Test
    void badWindowsAreRefusedWithTheReason() {
        Api.post("/insights/trends", "{\"Start\":\"2026-03-02T00:00:00Z\",\"End\":\"2026-03-01T00:00:00Z\"}").statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException").body("Message", containsString("End must be after Start"));
        Api.post("/insights/trends", "{\"Interval\":\"HOUR\",\"Start\":\"2026-01-01T00:00:00Z\",\"End\":\"2026-03-01T00:00:00Z\"}")
                .statusCode(400).body("Message", containsString("at most 400 buckets"));
        Api.post("/insights/trends", "{\"Interval\":\"WEEK\"}").statusCode(400).body("Message", containsString("HOUR, DAY"));
        Api.post("/insights/trends", "{\"Start\":\"yesterday\"}").statusCode(400).body("Message", containsString("ISO 8601"));
        Api.post("/insights/trends", "{\"SplitBy\":\"CreatedAt\"}").statusCode(400).body("Message", containsString("is a date attribute"));
    }

    private JsonPath trend(String window) {
        return Api.post("/insights/trends", "{" + window + ",\"Filters\":{\"AwsAccountId\":[{\"Comparison\":\"EQUALS\",\"Value\":\""
                + account + "\"}]}}").statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> bucket(String start, int created, int resolved, int open) {
        return Map.of("Start", start, "New", created, "Resolved", resolved, "Open", open);
    }

    private ObjectNode finding(String id, String createdAt, String severity) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account).put("CreatedAt", createdAt).put("UpdatedAt", createdAt);
        ((ObjectNode) finding.get("Severity")).put("Label", severity);
        return finding;
    }
}
