package io.muster.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Browser;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's overview in a real headless Chromium: a user signs in on the login page and sees the
 * scores the API returns and the newest critical finding; the page is saved as a screenshot that must not
 * be blank.
 */
@QuarkusTest
@EnabledIf("io.muster.testing.Browser#available")
class OverviewPageTest {

    private static final String PASSWORD = "overview page password 1";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSignedInUserSeesTheScoresTheApiReturnsAndTheNewestCriticalFinding() throws Exception {
        String user = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        TestCallers.ADMIN.request().body("{\"UserName\":\"" + user + "\",\"Password\":\"" + PASSWORD + "\",\"Role\":\"ANALYST\"}")
                .post("/users").then().statusCode(200);
        String title = "Critical on the overview " + UUID.randomUUID();
        ObjectNode critical = Asff.finding(Asff.newProductArn(), "overview-critical");
        critical.put("Title", title).put("CreatedAt", java.time.Instant.now().toString()).put("UpdatedAt", java.time.Instant.now().toString());
        critical.putObject("Severity").put("Label", "CRITICAL");
        Api.importFindings(Asff.importBody(critical)).statusCode(200);
        var scores = Api.request().get("/compliance/scores").then().statusCode(200).extract().jsonPath();
        Integer score = scores.get("Score");

        WebDriver browser = Browser.start();
        try {
            browser.get(new URL(root, "/login").toString());
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("form button, form [type=submit]")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(driver -> "false".equals(driver.findElement(By.id("overview")).getAttribute("aria-busy")));
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("overall-score")).getText()).isEqualTo(score == null ? "no data" : score + " %");
            assertThat(browser.findElements(By.cssSelector("#scores tbody tr"))).hasSize(scores.getList("Standards").size());
            assertThat(browser.findElement(By.id("critical")).getText()).contains(title);
            assertThat(Browser.screenshot(browser, "overview")).as("distinct colours in the screenshot").isGreaterThan(10);
        } finally {
            browser.quit();
        }
    }
}
