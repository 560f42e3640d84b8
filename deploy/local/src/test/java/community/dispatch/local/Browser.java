package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium — the system's (Debian's {@code chromium} and {@code chromium-driver}; .ci/run installs
 * them) — set to Simplified Chinese, at a tablet's size. Without one the browser checks are left out (and say
 * so), unless {@code DISPATCH_BROWSER_TESTS=required} (as in CI), where its absence fails them.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(Optional.ofNullable(System.getenv("DISPATCH_CHROMIUM")).orElse("/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(Optional.ofNullable(System.getenv("DISPATCH_CHROMEDRIVER")).orElse("/usr/bin/chromedriver"));

    final ChromeDriver driver;
    /** Waits up to 20 s; an element the page replaced meanwhile (cards are redrawn as requests move) is looked up again. */
    final Wait<WebDriver> wait;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
        this.screenshots = screenshots;
    }

    /** Whether there is a browser to drive; where none is but one is required, that fails. */
    static boolean available() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(System.getenv("DISPATCH_BROWSER_TESTS"))) {
            assertThat(present).as("Chromium at %s and chromedriver at %s (apt-get install chromium chromium-driver)",
                    CHROMIUM, CHROMEDRIVER).isTrue();
        }
        if (!present) {
            System.out.println("[console] no Chromium here (apt-get install chromium chromium-driver): browser checks skipped");
        }
        return present;
    }

    static Browser open(Path screenshots) throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN",
                        "--window-size=1024,768", "--disable-gpu");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        Files.createDirectories(screenshots);
        try (var earlier = Files.newDirectoryStream(screenshots, "*.png")) {
            for (Path picture : earlier) {
                Files.delete(picture);
            }
        }
        Browser browser = new Browser(new ChromeDriver(service, options), screenshots);
        browser.driver.manage().window().setSize(new Dimension(1024, 768));
        return browser;
    }

    WebElement find(String css) {
        return wait.until(driver -> driver.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The attribute of the element the selector finds, once there. */
    String attribute(String css, String name) {
        return wait.until(driver -> find(css).getAttribute(name));
    }

    /**
     * Presses Enter on the element the selector finds: how a keyboard user opens a card or uses a button. A card
     * is redrawn whenever its request moves; one taken out in the middle of the key press is found again.
     */
    void press(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .ignoring(ElementNotInteractableException.class)
                .until(driver -> {
                    driver.findElement(By.cssSelector(css)).sendKeys(Keys.ENTER);
                    return true;
                });
    }

    /** The attribute of every element the selector finds, read at one instant. */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String name) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(found => found.getAttribute(arguments[1]))",
                css, name);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** What the page logged at SEVERE since the last call: script errors, refused loads, CSP refusals. */
    List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** axe-core's violations of impact serious or critical on the page as it is now: "rule: what (where)". */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Map<String, Object> results = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(done, error => done({ error: String(error) }));");
        assertThat(results).doesNotContainKey("error");
        return ((List<Map<String, Object>>) results.get("violations")).stream()
                .filter(violation -> List.of("serious", "critical").contains(violation.get("impact")))
                .map(violation -> violation.get("id") + ": " + violation.get("help") + " "
                        + ((List<Map<String, Object>>) violation.get("nodes")).stream().map(node -> String.valueOf(node.get("target"))).toList())
                .toList();
    }

    private static String axeSource() {
        try (InputStream axe = Browser.class.getResourceAsStream("/axe.min.js")) {
            assertThat(axe).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
