package io.muster.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The standards and insights pages in a real headless Chromium: an administrator enables a standard,
 * disables a control with a reason and enables it again, and opens a control's findings; an analyst saves
 * the findings page's filters as an insight, sees it as a bar chart with the API's counts, and a bar opens
 * the findings behind it. Every page is saved as a screenshot that must not be blank.
 */
@QuarkusTest
@EnabledIf("io.muster.testing.Browser#available")
class StandardsAndInsightsPagesTest {

    private static final String PASSWORD = "standards page password 1";
    private static final String EXAMPLE = "arn:aws:securityhub:us-east-1::standards/muster-example/v/1.0.0";
    private static final String EXAMPLE_NAME = "Muster Example Standard v1.0.0";

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdministratorEnablesAStandardDisablesAControlWithAReasonAndOpensAControlsFindings() throws Exception {
        String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        String title = "EX.1 evidence " + UUID.randomUUID();
        ObjectNode finding = Asff.finding(Asff.newProductArn(), "ex1-" + UUID.randomUUID()).put("AwsAccountId", account).put("Title", title)
                .put("GeneratorId", "muster-example/v/1.0.0/EX.1");
        finding.putObject("Compliance").put("Status", "FAILED");
        Api.importFindings(Asff.importBody(finding)).statusCode(200);
        boolean wasEnabled = subscription() != null;
        if (wasEnabled) {
            Api.post("/standards/deregister", "{\"StandardsSubscriptionArns\":[\"" + subscription() + "\"]}").statusCode(200);
        }
        String admin = Browser.user("ADMIN", PASSWORD);
        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, root, admin, PASSWORD);
            Browser.open(browser, root, "/standards.html", "standards-page");
            WebDriverWait wait = Browser.waiting(browser);
            browser.findElement(By.cssSelector("button[aria-label='Enable " + EXAMPLE_NAME + "']")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().equals(EXAMPLE_NAME + " enabled"));
            assertThat(subscription()).as("enabled through BatchEnableStandards").isNotNull();

            button(browser, EXAMPLE_NAME).click();
            wait.until(d -> d.findElement(By.id("controls-title")).getText().equals("Controls of " + EXAMPLE_NAME));
            assertThat(browser.findElements(By.cssSelector("#controls tbody tr"))).hasSize(6);
            assertThat(row(browser, "controls", "EX.1").getText()).contains("CRITICAL").contains("FAILED");

            browser.findElement(By.id("reason-EX.5")).sendKeys("No such resource in this organisation");
            browser.findElement(By.cssSelector("button[aria-label='Disable EX.5']")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().equals("EX.5 disabled"));
            assertThat(control("EX.5")).containsEntry("ControlStatus", "DISABLED")
                    .containsEntry("DisabledReason", "No such resource in this organisation");
            assertThat(row(browser, "controls", "EX.5").getText()).contains("DISABLED").contains("No such resource in this organisation");
            assertThat(Browser.screenshot(browser, "standards")).as("distinct colours").isGreaterThan(10);

            browser.findElement(By.cssSelector("button[aria-label='Enable EX.5']")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().equals("EX.5 enabled"));
            assertThat(control("EX.5")).containsEntry("ControlStatus", "ENABLED");

            browser.findElement(By.cssSelector("button[aria-label='Findings of EX.1']")).click();
            wait.until(d -> d.findElement(By.id("control-findings-section")).isDisplayed()
                    && d.findElement(By.cssSelector("#control-findings tbody")).getText().contains(title));
            assertThat(browser.findElement(By.cssSelector("#control-findings tbody")).getText()).contains("FAILED").contains(account);
        } finally {
            browser.quit();
            String arn = subscription();
            if (!wasEnabled && arn != null) {
                Api.post("/standards/deregister", "{\"StandardsSubscriptionArns\":[\"" + arn + "\"]}").statusCode(200);
            } else if (wasEnabled && arn == null) {
                Api.post("/standards/register", "{\"StandardsSubscriptionRequests\":[{\"StandardsArn\":\"" + EXAMPLE + "\"}]}").statusCode(200);
            }
        }
    }

    @Test
    void anAnalystSavesTheFindingsFiltersAsAnInsightAndABarOpensItsFindings() throws Exception {
        String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        String product = Asff.newProductArn();
        Api.importFindings(Asff.importBody(finding(product, account, "a", "HIGH"), finding(product, account, "b", "HIGH"),
                finding(product, account, "c", "LOW"))).statusCode(200);
        String analyst = Browser.user("ANALYST", PASSWORD, account);
        String name = "By severity " + account;
        WebDriver browser = Browser.start();
        String arn = null;
        try {
            Browser.signIn(browser, root, analyst, PASSWORD);
            Browser.open(browser, root, "/findings.html", "findings-page");
            WebDriverWait wait = Browser.waiting(browser);
            browser.findElement(By.id("account")).sendKeys(account);
            browser.findElement(By.id("apply")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().equals("3 findings"));
            browser.findElement(By.id("insight-name")).sendKeys(name);
            new Select(browser.findElement(By.id("insight-group"))).selectByVisibleText("SeverityLabel");
            browser.findElement(By.id("save-insight-button")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Saved the insight"));
            JsonPath custom = Api.post("/insights/get", "{}").statusCode(200).extract().jsonPath();
            int index = custom.getList("Insights.Name").indexOf(name);
            assertThat(index).as("the insight is saved").isNotNegative();
            arn = custom.getString("Insights[" + index + "].InsightArn");
            assertThat(custom.getString("Insights[" + index + "].Filters.AwsAccountId[0].Value")).isEqualTo(account);
            assertThat(custom.getString("Insights[" + index + "].GroupByAttribute")).isEqualTo("SeverityLabel");

            browser.findElement(By.linkText("see its chart")).click();
            Browser.waitIdle(browser, "insights-page");
            wait.until(d -> d.findElement(By.id("chart-title")).getText().equals(name));
            List<Map<String, Object>> results = Api.request().get("/insights/results/" + arn).then().statusCode(200).extract().jsonPath()
                    .getList("InsightResults.ResultValues");
            assertThat(results).containsExactly(Map.of("GroupByAttributeValue", "HIGH", "Count", 2), Map.of("GroupByAttributeValue", "LOW", "Count", 1));
            assertThat(Browser.bars(browser, "chart")).containsExactly(Map.entry("HIGH", 2), Map.entry("LOW", 1));
            assertThat(browser.findElements(By.cssSelector("#managed li"))).hasSize(32);
            assertThat(Browser.screenshot(browser, "insights")).as("distinct colours").isGreaterThan(10);

            browser.findElement(By.cssSelector("#chart .bar-button[aria-label^='HIGH']")).click();
            Browser.waitIdle(browser, "findings-page");
            wait.until(d -> d.findElement(By.id("status")).getText().equals("2 findings"));
            assertThat(browser.findElements(By.cssSelector("#findings tbody tr"))).allSatisfy(tr -> assertThat(tr.getText()).contains("HIGH"));
            assertThat(browser.findElement(By.id("base-filter-text")).getText()).contains(account).contains("HIGH");
        } finally {
            browser.quit();
            if (arn != null) {
                Api.request().delete("/insights/" + arn).then().statusCode(200);
            }
        }
    }

    private static ObjectNode finding(String product, String account, String id, String severity) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account);
        finding.putObject("Severity").put("Label", severity);
        return finding;
    }

    private static String subscription() {
        JsonPath enabled = Api.post("/standards/get", "{}").statusCode(200).extract().jsonPath();
        int index = enabled.getList("StandardsSubscriptions.StandardsArn").indexOf(EXAMPLE);
        return index < 0 ? null : enabled.getString("StandardsSubscriptions[" + index + "].StandardsSubscriptionArn");
    }

    private static Map<String, Object> control(String controlId) {
        JsonPath controls = Api.request().get("/standards/controls/" + subscription() + "?MaxResults=100").then().statusCode(200).extract().jsonPath();
        return controls.getMap("Controls.find { it.ControlId == '" + controlId + "' }");
    }

    private static WebElement button(WebDriver browser, String text) {
        return browser.findElements(By.cssSelector("button.link")).stream().filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
    }

    private static WebElement row(WebDriver browser, String tableId, String firstCell) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .filter(tr -> tr.findElement(By.tagName("td")).getText().equals(firstCell)).findFirst().orElseThrow();
    }
}
