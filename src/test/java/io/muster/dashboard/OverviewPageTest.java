package io.muster.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's overview in a real headless Chromium: a user signs in on the login page and sees the
 * scores the API returns and the newest critical finding; the page is saved as a screenshot that must not
 * be blank.
 */
@QuarkusTest
@EnabledIf("io.muster.testing.Browser#available")
class OverviewPageTest {

    private static final String PASSWORD = "overview page password 1";
    private static final String SEVERITY_INSIGHT = "arn:aws:securityhub:::insight/securityhub/default/29";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSignedInUserSeesTheScoresTheApiReturnsAndTheNewestCriticalFinding() throws Exception {
        String user = Browser.user("ANALYST", PASSWORD);
        String title = "Critical on the overview " + UUID.randomUUID();
        ObjectNode critical = Asff.finding(Asff.newProductArn(), "overview-critical");
        critical.put("Title", title).put("CreatedAt", java.time.Instant.now().toString()).put("UpdatedAt", java.time.Instant.now().toString());
        critical.putObject("Severity").put("Label", "CRITICAL");
        Api.importFindings(Asff.importBody(critical)).statusCode(200);
        var scores = Api.request().get("/compliance/scores").then().statusCode(200).extract().jsonPath();
        Integer score = scores.get("Score");

        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, root, user, PASSWORD);
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("overall-score")).getText()).isEqualTo(score == null ? "no data" : score + " %");
            assertThat(browser.findElements(By.cssSelector("#scores tbody tr"))).hasSize(scores.getList("Standards").size());
            assertThat(browser.findElement(By.id("critical")).getText()).contains(title);
            assertThat(Browser.bars(browser, "by-severity")).as("active findings by severity, as the managed insight counts them")
                    .containsKey("CRITICAL").isEqualTo(counts(Api.request().get("/insights/results/" + SEVERITY_INSIGHT).then().statusCode(200)
                            .extract().jsonPath().getList("InsightResults.ResultValues")));
            assertThat(Browser.bars(browser, "by-workflow")).isEqualTo(counts(Api.post("/insights/group", "{\"GroupByAttribute\":\"WorkflowStatus\","
                    + "\"Filters\":{\"RecordState\":[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}]}}").statusCode(200).extract()
                    .jsonPath().getList("ResultValues")));
            assertThat(browser.findElements(By.cssSelector("#trend .legend li"))).as("one trend line per enabled standard")
                    .hasSize(scores.getList("Standards").size());
            assertThat(Browser.screenshot(browser, "overview")).as("distinct colours in the screenshot").isGreaterThan(10);
            @SuppressWarnings("unchecked")
            List<String> fetched = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(fetched).as("everything the page fetched came from Muster").isNotEmpty()
                    .allMatch(url -> url.startsWith(root.toString().replaceAll("/$", "")));

            // a laptop screen: one column, still readable; the severity bars answer the keyboard
            browser.manage().window().setSize(new Dimension(1280, 800));
            assertThat(Browser.screenshot(browser, "overview-laptop")).isGreaterThan(10);
            WebElement bar = browser.findElement(By.cssSelector("#by-severity .bar-button[aria-label^='CRITICAL']"));
            bar.sendKeys(Keys.ENTER);
            Browser.waitIdle(browser, "findings-page");
            assertThat(browser.findElement(By.id("base-filter-text")).getText()).contains("CRITICAL");
        } finally {
            browser.quit();
        }
    }

    private static Map<String, Integer> counts(List<Map<String, Object>> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(value -> counts.put((String) value.get("GroupByAttributeValue"), ((Number) value.get("Count")).intValue()));
        return counts;
    }
}
