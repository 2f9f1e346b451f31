package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Browser;
import io.muster.testing.TestDatabase;
import io.muster.testing.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The findings page in a real headless Chromium: an analyst filters to CRITICAL, selects two findings and
 * presses a custom action button — the webhook receiver gets both — then resolves them and the change
 * persists; a viewer sees no action buttons. Screenshots of both are saved and must not be blank.
 */
@QuarkusTest
@EnabledIf("io.muster.testing.Browser#available")
class FindingsPageTest {

    private static final String PASSWORD = "findings page password 1";

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestDatabase db;

    @Test
    void anAnalystSendsTwoCriticalFindingsToAnActionAndResolvesThem() throws Exception {
        String account = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        String productArn = Asff.newProductArn();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api.importFindings(Asff.importBody(critical(productArn, account, "crit-a", run), critical(productArn, account, "crit-b", run),
                high(productArn, account, run))).statusCode(200);
        String actionName = "Escalate " + run;
        String actionArn = Api.post("/actionTargets", "{\"Name\":\"" + actionName + "\",\"Description\":\"Send to the on-call\",\"Id\":\"esc"
                + run + "\"}").statusCode(200).extract().path("ActionTargetArn");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String target = Api.post("/outbound/targets", "{\"Name\":\"on-call " + run + "\",\"Url\":\"" + receiver.url("/on-call") + "\"}")
                    .statusCode(200).extract().path("TargetId");
            Api.post("/outbound/rules", "{\"Name\":\"escalations " + run + "\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                    + "{\"detail-type\":[\"Security Hub Findings - Custom Action\"],\"resources\":[\"" + actionArn + "\"]}}").statusCode(200);
            String analyst = Browser.user("ANALYST", PASSWORD, account);
            WebDriver browser = Browser.start();
            try {
                Browser.signIn(browser, root, analyst, PASSWORD);
                browser.get(new URL(root, "/findings.html").toString());
                WebDriverWait wait = Browser.waiting(browser);
                wait.until(d -> !d.findElements(By.cssSelector("#action-buttons button")).isEmpty());
                new Select(browser.findElement(By.id("severity"))).selectByVisibleText("CRITICAL");
                browser.findElement(By.id("title")).sendKeys(run);
                browser.findElement(By.id("apply")).click();
                wait.until(d -> d.findElements(By.cssSelector("#findings tbody tr")).size() == 2
                        && "false".equals(d.findElement(By.id("findings-page")).getAttribute("aria-busy")));
                browser.findElement(By.id("pick-0")).click();
                browser.findElement(By.id("pick-1")).click();
                WebElement action = browser.findElements(By.cssSelector("#action-buttons button")).stream()
                        .filter(b -> b.getText().equals(actionName)).findFirst().orElseThrow();
                action.click();
                wait.until(d -> d.findElement(By.id("status")).getText().contains("sent for 2 findings"));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/on-call").size() >= 2);
                List<String> sent = receiver.at("/on-call").stream()
                        .map(r -> Json.readStored(r.body()).path("detail").path("findings").path(0).path("Id").asText()).toList();
                assertThat(sent).containsExactlyInAnyOrder("crit-a-" + run, "crit-b-" + run);
                wait.until(d -> d.findElement(By.id("deliveries")).getText().contains("on-call " + run + ": 2 delivered, 0 pending, 0 failed"));

                // the two are still selected
                new Select(browser.findElement(By.id("new-workflow"))).selectByVisibleText("RESOLVED");
                browser.findElement(By.id("set-workflow")).click();
                wait.until(d -> d.findElement(By.id("status")).getText().contains("RESOLVED set on 2 findings"));
                assertThat(db.document(productArn, "crit-a-" + run).path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
                assertThat(db.document(productArn, "crit-b-" + run).path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
                browser.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("#action-buttons button")).isEmpty()
                        && "false".equals(d.findElement(By.id("findings-page")).getAttribute("aria-busy")));
                new Select(browser.findElement(By.id("severity"))).selectByVisibleText("CRITICAL");
                browser.findElement(By.id("title")).sendKeys(run);
                browser.findElement(By.id("apply")).click();
                wait.until(d -> d.findElements(By.cssSelector("#findings tbody tr")).size() == 2
                        && d.findElement(By.cssSelector("#findings tbody")).getText().contains("RESOLVED"));
                assertThat(Browser.screenshot(browser, "findings-analyst")).isGreaterThan(10);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aScopedViewerSeesOnlyItsAccountsFindingsAndNoActionButtons() throws Exception {
        String account = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        String elsewhere = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String productArn = Asff.newProductArn();
        Api.importFindings(Asff.importBody(critical(productArn, account, "seen", run), critical(productArn, elsewhere, "unseen", run)))
                .statusCode(200);
        String viewer = Browser.user("VIEWER", PASSWORD, account);
        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, root, viewer, PASSWORD);
            Browser.open(browser, root, "/findings.html", "findings-page");
            browser.findElement(By.id("title")).sendKeys(run);
            browser.findElement(By.id("apply")).click();
            Browser.waiting(browser).until(d -> d.findElement(By.id("status")).getText().equals("1 findings"));
            assertThat(browser.findElement(By.cssSelector("#findings tbody")).getText()).contains("Critical seen " + run)
                    .doesNotContain("unseen");
            assertThat(browser.findElement(By.id("actions")).isDisplayed()).isFalse();
            assertThat(browser.findElements(By.cssSelector("#action-buttons button"))).isEmpty();
            assertThat(browser.findElement(By.id("save-insight")).isDisplayed()).as("a viewer may not save insights").isFalse();
            assertThat(Browser.screenshot(browser, "findings-viewer")).isGreaterThan(10);
        } finally {
            browser.quit();
        }
    }

    @Test
    void anAnalystSetsSeverityAndANoteAndOpensAFindingWithItsHistoryDuplicatesAndRelatedFindings() throws Exception {
        String account = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String productArn = Asff.newProductArn();
        String bucket = "arn:aws:s3:::shared-bucket-" + run;
        ObjectNode finding = onBucket(critical(productArn, account, "open", run), bucket);
        ObjectNode neighbour = onBucket(high(productArn, account, run), bucket);
        ObjectNode twin = onBucket(critical(Asff.newProductArn(), account, "open", run), bucket);
        Api.importFindings(Asff.importBody(finding, neighbour, twin)).statusCode(200);
        String analyst = Browser.user("ANALYST", PASSWORD, account);
        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, root, analyst, PASSWORD);
            Browser.open(browser, root, "/findings.html", "findings-page");
            browser.findElement(By.id("title")).sendKeys("High " + run);
            browser.findElement(By.id("apply")).click();
            WebDriverWait wait = Browser.waiting(browser);
            wait.until(d -> d.findElement(By.id("status")).getText().equals("1 findings"));
            browser.findElement(By.id("pick-0")).click();
            new Select(browser.findElement(By.id("new-severity"))).selectByVisibleText("LOW");
            browser.findElement(By.id("set-severity")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().contains("Severity LOW set on 1 findings"));
            browser.findElement(By.id("pick-0")).click();
            browser.findElement(By.id("note")).sendKeys("Owned by the storage team");
            browser.findElement(By.id("add-note")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().contains("Note added on 1 findings"));
            assertThat(db.document(productArn, "high-" + run).path("Severity").path("Label").asText()).isEqualTo("LOW");
            assertThat(db.document(productArn, "high-" + run).path("Note").path("Text").asText()).isEqualTo("Owned by the storage team");

            Browser.open(browser, root, "/findings.html?finding=open-" + run + "&product=" + URLEncoder.encode(productArn, StandardCharsets.UTF_8),
                    "findings-page");
            wait.until(d -> d.findElement(By.id("detail")).isDisplayed());
            assertThat(browser.findElement(By.id("detail-title")).getText()).isEqualTo("Critical open " + run);
            JsonNode json = Json.readStored(browser.findElement(By.id("detail-json")).getText());
            assertThat(json.path("Id").asText()).isEqualTo("open-" + run);
            assertThat(json.path("ProductArn").asText()).isEqualTo(productArn);
            assertThat(browser.findElement(By.id("history")).getText()).contains("created");
            assertThat(browser.findElement(By.id("duplicates")).getText()).as("the same finding from another product").contains("open-" + run);
            assertThat(browser.findElement(By.id("related")).getText()).contains("High " + run).contains(bucket);
            assertThat(Browser.screenshot(browser, "finding-detail")).isGreaterThan(10);

            // the neighbour's history shows the two changes the analyst made
            browser.findElements(By.cssSelector("#related a")).stream().filter(a -> a.getText().equals("High " + run)).findFirst()
                    .orElseThrow().click();
            wait.until(d -> d.findElement(By.id("detail-title")).getText().equals("High " + run));
            assertThat(browser.findElement(By.id("history")).getText()).contains("LOW").contains("Owned by the storage team");
        } finally {
            browser.quit();
        }
    }

    private static ObjectNode onBucket(ObjectNode finding, String bucket) {
        ((ObjectNode) finding.get("Resources").get(0)).put("Type", "AwsS3Bucket").put("Id", bucket);
        return finding;
    }

    private static ObjectNode critical(String productArn, String account, String id, String run) {
        ObjectNode finding = Asff.finding(productArn, id + "-" + run);
        finding.put("AwsAccountId", account).put("Title", "Critical " + id + " " + run);
        finding.putObject("Severity").put("Label", "CRITICAL");
        return finding;
    }

    private static ObjectNode high(String productArn, String account, String run) {
        ObjectNode finding = Asff.finding(productArn, "high-" + run);
        finding.put("AwsAccountId", account).put("Title", "High " + run);
        return finding;
    }
}
