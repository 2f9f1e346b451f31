package io.muster.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the dashboard tests: Debian's {@code chromium} and {@code chromedriver}
 * ({@code .ci/run} installs them), never a downloaded driver. Tests are skipped without them, except under
 * {@code -Dbrowser.required=true} (as in CI), where they fail.
 */
public final class Browser {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Browser() {
    }

    public static boolean available() {
        return Boolean.getBoolean("test.browser.required") || (Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM));
    }

    public static WebDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1440,1000",
                "--user-data-dir=" + Files.createTempDirectory("muster-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Creates a dashboard user of this role (scoped to the accounts, when given) with the given password; returns its name. */
    public static String user(String role, String password, String... accounts) {
        String name = role.toLowerCase() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String scope = accounts.length == 0 ? "" : ",\"AccountScope\":[\"" + String.join("\",\"", accounts) + "\"]";
        TestCallers.ADMIN.request().body("{\"UserName\":\"" + name + "\",\"Password\":\"" + password + "\",\"Role\":\"" + role + "\"" + scope + "}")
                .post("/users").then().statusCode(200);
        return name;
    }

    /** Signs in on the login page, as a user would, and waits for the overview. */
    public static void signIn(WebDriver driver, URL root, String user, String password) throws IOException {
        driver.get(new URL(root, "/login").toString());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button, form [type=submit]")).click();
        waitIdle(driver, "overview");
    }

    /** Opens a dashboard page and waits until its main element is no longer busy. */
    public static void open(WebDriver driver, URL root, String path, String mainId) throws IOException {
        driver.get(new URL(root, path).toString());
        waitIdle(driver, mainId);
    }

    /** Waits until the page's main element says it is done loading (aria-busy=false). */
    public static void waitIdle(WebDriver driver, String mainId) {
        waiting(driver).until(d -> !d.findElements(By.id(mainId)).isEmpty()
                && "false".equals(d.findElement(By.id(mainId)).getAttribute("aria-busy")));
    }

    public static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** The bars of a dashboard chart, value → count, in the order the page shows them. */
    public static Map<String, Integer> bars(WebDriver driver, String chartId) {
        Map<String, Integer> bars = new LinkedHashMap<>();
        for (WebElement bar : driver.findElements(By.cssSelector("#" + chartId + " .bar-button"))) {
            bars.put(bar.findElement(By.className("bar-name")).getText(), Integer.valueOf(bar.findElement(By.className("bar-count")).getText()));
        }
        return bars;
    }

    /** Saves a screenshot under target/screenshots and returns how many distinct colours it has (a blank page has one or two). */
    public static int screenshot(WebDriver driver, String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path file = Path.of("target/screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
