package io.tradingengine.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The schema browser at /ui/schemas in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code scripts/install-browser.sh}); skipped when they are absent.
 */
class RegistryBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Schema V1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\","
            + "\"fields\":[{\"name\":\"market\",\"type\":\"string\"}]}");
    private static final Schema V2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tick\","
            + "\"fields\":[{\"name\":\"market\",\"type\":\"string\"},"
            + "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

    @TempDir
    Path profile;

    private WebDriver browser;
    private ChromeDriverService service;

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium not installed (scripts/install-browser.sh)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath());
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldListSubjectsShowASchemaPrettyPrintedAndTheDifferenceBetweenTwoVersions() {
        try (RegistryHttp registry = new RegistryHttp(RegistrySettings.open())) {
            registry.store.registerVersion("ticks-value", V1);
            registry.store.registerVersion("ticks-value", V2);
            registry.store.registerVersion("orders-value", io.tradingengine.avro.Order.getClassSchema());

            browser.get(registry.baseUrl() + SchemaBrowser.PATH);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            WebElement ticks = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-subject='ticks-value']")));

            List<String> cells = ticks.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells).containsExactly("ticks-value", "ticks", "value", "1, 2");
            assertThat(browser.findElements(By.cssSelector("tr.subject"))).hasSize(2);

            ticks.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("version-info"), "id 2"));
            String schema = browser.findElement(By.id("schema")).getText();
            assertThat(schema).contains("\"name\": \"venue\"").contains("\n  \"fields\": [");

            browser.findElement(By.id("diff-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diff span.added")));
            String added = String.join("\n", browser.findElements(By.cssSelector("#diff span.added")).stream()
                    .map(WebElement::getText).toList());
            assertThat(added).contains("+").contains("venue");
            // Unchanged lines are shown unmarked.
            assertThat(browser.findElements(By.cssSelector("#diff span.same")).stream().map(WebElement::getText))
                    .anyMatch(line -> line.contains("\"name\": \"market\","));
            assertThat(added).doesNotContain("market");
            assertThat(browser.findElement(By.id("diff")).getText()).contains("  \"name\": \"Tick\"");
        }
    }

    @Test
    void shouldAskForATokenWhenReadsAreNotOpen() {
        try (RegistryHttp registry = new RegistryHttp(RegistrySettings.secured())) {
            registry.store.registerVersion("ticks-value", V1);

            browser.get(registry.baseUrl() + SchemaBrowser.PATH);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "401"));
            assertThat(browser.findElements(By.cssSelector("tr.subject"))).isEmpty();

            browser.findElement(By.id("token")).sendKeys(RegistryHttp.token("carol"));
            browser.findElement(By.id("reload")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-subject='ticks-value']")));
            assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
        }
    }
}
