package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Browser;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
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
            String analyst = user("ANALYST", account);
            WebDriver browser = Browser.start();
            try {
                signIn(browser, analyst);
                browser.get(new URL(root, "/findings.html").toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
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
    void aViewerSeesTheFindingsButNoActionButtons() throws Exception {
        String account = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api.importFindings(Asff.importBody(critical(Asff.newProductArn(), account, "seen", run))).statusCode(200);
        String viewer = user("VIEWER", account);
        WebDriver browser = Browser.start();
        try {
            signIn(browser, viewer);
            browser.get(new URL(root, "/findings.html").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.findElements(By.cssSelector("#findings tbody tr")).size() == 1);
            assertThat(browser.findElement(By.id("actions")).isDisplayed()).isFalse();
            assertThat(browser.findElements(By.cssSelector("#action-buttons button"))).isEmpty();
            assertThat(Browser.screenshot(browser, "findings-viewer")).isGreaterThan(10);
        } finally {
            browser.quit();
        }
    }

    private void signIn(WebDriver browser, String user) throws Exception {
        browser.get(new URL(root, "/login").toString());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button, form [type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("overview")) != null);
    }

    private static String user(String role, String account) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TestCallers.ADMIN.request().body("{\"UserName\":\"" + name + "\",\"Password\":\"" + PASSWORD + "\",\"Role\":\"" + role
                + "\",\"AccountScope\":[\"" + account + "\"]}").post("/users").then().statusCode(200);
        return name;
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
