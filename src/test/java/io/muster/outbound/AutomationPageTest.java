package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Browser;
import io.muster.testing.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The automation page in a real headless Chromium: an administrator sees the outbound targets, rules and
 * ingest-time automation rules, sends a test event to a webhook and redelivers it from the deliveries list;
 * an analyst sees the automation rules only.
 */
@QuarkusTest
@EnabledIf("io.muster.testing.Browser#available")
class AutomationPageTest {

    private static final String PASSWORD = "automation page password 1";

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdministratorTestsATargetAndRedeliversTheTestEvent() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ruleArn = Api.post("/automationrules/create", "{\"RuleName\":\"Quiet " + run + "\",\"RuleOrder\":900,\"Description\":\"Nothing matches "
                + run + "\",\"Criteria\":{\"ProductName\":[{\"Value\":\"none-" + run + "\",\"Comparison\":\"EQUALS\"}]},\"Actions\":[{\"Type\":"
                + "\"FINDING_FIELDS_UPDATE\",\"FindingFieldsUpdate\":{\"Workflow\":{\"Status\":\"SUPPRESSED\"}}}]}").statusCode(200)
                .extract().path("RuleArn");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String targetName = "pager " + run;
            String target = Api.post("/outbound/targets", "{\"Name\":\"" + targetName + "\",\"Url\":\"" + receiver.url("/pager") + "\"}")
                    .statusCode(200).extract().path("TargetId");
            String rule = Api.post("/outbound/rules", "{\"Name\":\"criticals " + run + "\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                    + "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductName\":[\"none-" + run + "\"]}}}}")
                    .statusCode(200).extract().path("RuleId");
            String admin = Browser.user("ADMIN", PASSWORD);
            WebDriver browser = Browser.start();
            try {
                Browser.signIn(browser, root, admin, PASSWORD);
                Browser.open(browser, root, "/automation.html", "automation-page");
                assertThat(browser.findElement(By.id("rules")).getText()).contains("criticals " + run).contains(targetName);
                assertThat(browser.findElement(By.id("automation-rules")).getText()).contains("Quiet " + run).contains("Nothing matches " + run);
                WebDriverWait wait = Browser.waiting(browser);
                browser.findElement(By.cssSelector("button[aria-label='Send a test event to " + targetName + "']")).click();
                wait.until(d -> d.findElement(By.id("status")).getText().equals("Test event to " + targetName + ": DELIVERED (HTTP 200)"));
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/pager").size() == 1);
                String eventId = Json.readStored(receiver.at("/pager").get(0).body()).path("id").asText();
                Browser.waitIdle(browser, "automation-page");
                WebElement delivery = browser.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                        .filter(tr -> tr.getText().contains(eventId)).findFirst().orElseThrow();
                assertThat(delivery.getText()).contains(targetName).contains("DELIVERED").contains("HTTP 200");
                assertThat(Browser.screenshot(browser, "automation")).as("distinct colours").isGreaterThan(10);

                browser.findElement(By.cssSelector("button[aria-label='Redeliver " + eventId + "']")).click();
                wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Redelivery "));
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/pager").size() == 2);
                assertThat(Json.readStored(receiver.at("/pager").get(1).body()).path("id").asText()).as("the same event again").isEqualTo(eventId);
            } finally {
                browser.quit();
                Api.request().delete("/outbound/rules/" + rule).then().statusCode(200);
                Api.request().delete("/outbound/targets/" + target).then().statusCode(200);
            }
        } finally {
            Api.post("/automationrules/delete", "{\"AutomationRulesArns\":[\"" + ruleArn + "\"]}").statusCode(200);
        }
    }

    @Test
    void anAnalystSeesTheAutomationRulesButNotTheOutboundSettings() throws Exception {
        String analyst = Browser.user("ANALYST", PASSWORD);
        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, root, analyst, PASSWORD);
            Browser.open(browser, root, "/automation.html", "automation-page");
            assertThat(browser.findElement(By.id("admin-only")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("targets")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("deliveries")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("automation-rules")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("error")).isDisplayed()).as("nothing the role may not read was asked for").isFalse();
        } finally {
            browser.quit();
        }
    }
}
