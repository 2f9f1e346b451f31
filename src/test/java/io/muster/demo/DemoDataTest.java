package io.muster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first run with {@code muster.demo.enabled=true} on an empty database: every demo finding lands through
 * the import pipeline, from four detectors, and scores, duplicates and the entity graph have something to
 * show; a database with findings is never touched.
 */
@QuarkusTest
@TestProfile(DemoDataTest.Demo.class)
class DemoDataTest {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.muster.demo.enabled", "true",
                    "%test.muster.db.url", "jdbc:h2:mem:demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    @Inject
    TestDatabase db;

    @Inject
    DemoData demo;

    @Test
    void anEmptyDatabaseGetsTheDemoFindingsOfFourDetectors() {
        assertThat(db.count("SELECT COUNT(*) FROM finding")).isEqualTo(DemoFindings.all(Instant.now()).size()).isGreaterThan(100);
        List<List<Object>> products = db.rows("SELECT DISTINCT product_arn FROM finding");
        assertThat(products).extracting(row -> (String) row.get(0)).anyMatch(p -> p.endsWith("product/aws/guardduty"))
                .anyMatch(p -> p.endsWith("product/aws/inspector")).anyMatch(p -> p.endsWith("product/aquasecurity/aquasecurity"))
                .anyMatch(p -> p.endsWith("product/aws/securityhub"));
    }

    @Test
    void scoresDuplicatesAndTheGraphHaveSomethingToShow() {
        String scores = Api.request().get("/compliance/scores").then().statusCode(200).extract().asString();
        assertThat(scores).contains("aws-foundational-security-best-practices");
        int all = Api.getFindings("{\"MaxResults\":100}").then().statusCode(200).extract().jsonPath().getList("Findings").size();
        long groups = db.count("SELECT COUNT(DISTINCT fingerprint) FROM finding");
        assertThat(groups).isLessThan(db.count("SELECT COUNT(*) FROM finding"));
        assertThat(all).isEqualTo(100);
        List<Object> tied = Api.request().body("{\"Kind\":\"ip\",\"Value\":\"198.51.100.23\"}").post("/graph/entity").then().statusCode(200)
                .extract().jsonPath().getList("Findings");
        assertThat(tied.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFirstRunHasAWeekOfScoreHistoryAndAnActionButton() {
        long days = db.count("SELECT COUNT(DISTINCT CAST(taken_at AS DATE)) FROM score_snapshot WHERE aws_account_id = ''");
        assertThat(days).isGreaterThanOrEqualTo(7);
        assertThat(db.count("SELECT COUNT(DISTINCT score) FROM score_snapshot WHERE aws_account_id = ''")).isGreaterThan(1);
        List<String> actions = Api.request().body("{}").post("/actionTargets/get").then().statusCode(200).extract().jsonPath()
                .getList("ActionTargets.Name", String.class);
        assertThat(actions).contains("Escalate");
    }

    @Test
    void aDatabaseWithFindingsIsNeverTouched() {
        long before = db.count("SELECT COUNT(*) FROM finding");
        assertThat(demo.load()).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM finding")).isEqualTo(before);
    }
}
