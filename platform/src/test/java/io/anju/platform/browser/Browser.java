package io.anju.platform.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One headless Debian Chromium with a fresh profile, driven through Debian's chromedriver (set explicitly, so Selenium
 * Manager never goes to the network). Elements are found by their {@code data-testid}; screenshots land in
 * {@code target/screenshots/<name>.png}.
 */
public final class Browser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Browser.class);
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);
    /** How often {@link #attribute} finds an element again that the page replaced while it was read. */
    private static final int MAX_REREADS = 5;

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private String baseUrl = "about:blank";

    private Browser(int width, int height) throws IOException {
        this.profile = Files.createTempDirectory("anju-chromium-");
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        try {
            this.driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A desktop-size window (1366 × 900); Chromium starts now, so it may start while the platform does. */
    public static Browser open() throws IOException {
        return new Browser(1366, 900);
    }

    /** A window of the given size: a phone is 360 × 740. */
    public static Browser open(int width, int height) throws IOException {
        return new Browser(width, height);
    }

    /** The dashboards this browser works with, e.g. {@code http://127.0.0.1:8080}. */
    public Browser at(String dashboardsUrl) {
        this.baseUrl = dashboardsUrl;
        return this;
    }

    /** Opens {@code <baseUrl>/<hashRoute>}, e.g. {@code "#/crowd"}; only the hash changes when the app is loaded. */
    public void go(String hashRoute) {
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith(baseUrl + "/")) {
            js("location.hash = arguments[0]", hashRoute);
        } else {
            driver.get(baseUrl + "/" + hashRoute);
        }
    }

    /** Reloads the whole page (a fresh start of the app). */
    public void load(String hashRoute) {
        driver.get(baseUrl + "/" + hashRoute);
    }

    /** Signs in through the login form and waits for the signed-in header. */
    public void signIn(String name, String password) {
        load("#/login");
        WebElement nameField = waitFor("login-name");
        nameField.clear();
        nameField.sendKeys(name);
        byTestId("login-password").sendKeys(password);
        byTestId("login-submit").click();
        waitUntil(Duration.ofSeconds(20), d -> attribute("current-role", "data-role") != null);
    }

    /** Signs out with the header's button and waits for the login form. */
    public void signOut() {
        waitFor("sign-out").click();
        waitFor("login-name");
    }

    public WebElement waitFor(String testId) {
        return waitFor(testId, DEFAULT_WAIT);
    }

    public WebElement waitFor(String testId, Duration within) {
        return new WebDriverWait(driver, within).until(
                ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    /** Waits until the condition is true (or non-null) and returns its value; a re-rendered element is looked up again. */
    public <T> T waitUntil(Duration within, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, within, Duration.ofMillis(250));
        // A live re-render may replace an element, or briefly leave it not yet interactable, between finding and using it.
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(ElementNotInteractableException.class);
        return wait.until(condition::apply);
    }

    /** Waits until the element with this test id has the attribute value. */
    public void waitForAttribute(String testId, String name, String value, Duration within) {
        waitUntil(within, d -> value.equals(attribute(testId, name)));
    }

    /** Clicks the element once it is visible and enabled, again if a live re-render replaced it meanwhile. */
    public void click(String testId) {
        waitUntil(DEFAULT_WAIT, d -> {
            WebElement e = d.findElement(testId(testId));
            if (!e.isDisplayed() || !e.isEnabled()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    public WebElement byTestId(String testId) {
        return driver.findElement(testId(testId));
    }

    public List<WebElement> allByTestIdPrefix(String prefix) {
        return driver.findElements(By.cssSelector("[data-testid^='" + prefix + "']"));
    }

    public boolean present(String testId) {
        return !driver.findElements(testId(testId)).isEmpty();
    }

    /**
     * The attribute of the element with this test id, or null when there is no such element. A live page may replace
     * the element between finding and reading it; then the one that replaced it is read.
     */
    public String attribute(String testId, String name) {
        for (int attempt = 1; ; attempt++) {
            List<WebElement> found = driver.findElements(testId(testId));
            try {
                return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
            } catch (StaleElementReferenceException e) {
                if (attempt == MAX_REREADS) {
                    throw e;
                }
            }
        }
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script: the last argument is the callback; waits up to 15 s. */
    public Object jsAsync(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /**
     * {@code fetch(path)} from the page, with the page's session cookie: {@code [status, body text]}. A change
     * carries the session's CSRF token from the {@code anju_csrf} cookie, as the front end's api.js sends it.
     */
    @SuppressWarnings("unchecked")
    public FetchResult fetch(String method, String path) {
        List<Object> r = (List<Object>) jsAsync(CSRF_TOKEN + """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { method: arguments[1], credentials: 'same-origin',
                    headers: { Accept: 'application/json', ...csrf(arguments[1]) } })
                  .then(async res => done([res.status, await res.text()]))
                  .catch(e => done([0, String(e)]));""", path, method);
        return new FetchResult(((Number) r.get(0)).intValue(), (String) r.get(1));
    }

    /** The {@code X-CSRF-Token} header a change needs, from the page's {@code anju_csrf} cookie (a script prelude). */
    private static final String CSRF_TOKEN = """
            const csrf = method => {
              if (method === 'GET') return {};
              const c = document.cookie.split(';').map(p => p.trim()).find(p => p.startsWith('anju_csrf='));
              return c ? { 'X-CSRF-Token': decodeURIComponent(c.substring('anju_csrf='.length)) } : {};
            };
            """;

    /**
     * {@code fetch(path)} with a JSON body, from the page with its session cookie and, for a change, its CSRF token:
     * {@code [status, body text]}.
     */
    @SuppressWarnings("unchecked")
    public FetchResult fetch(String method, String path, String json) {
        List<Object> r = (List<Object>) jsAsync(CSRF_TOKEN + """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { method: arguments[1], credentials: 'same-origin', body: arguments[2],
                    headers: { Accept: 'application/json', 'Content-Type': 'application/json',
                        ...csrf(arguments[1]) } })
                  .then(async res => done([res.status, await res.text()]))
                  .catch(e => done([0, String(e)]));""", path, method, json);
        return new FetchResult(((Number) r.get(0)).intValue(), (String) r.get(1));
    }

    /** Opens a page that is not the dashboards' (e.g. a link from a text message) and returns its visible text. */
    public String visit(String url) {
        driver.get(url);
        return pageText();
    }

    /** The visible text of the page as it is now. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Clicks the first element that matches {@code css} (for pages without test ids). */
    public void clickCss(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /** The answer to a fetch from the page. */
    public record FetchResult(int status, String body) {
    }

    /** Saves {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot.toPath());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("screenshot " + name, e);
        }
    }

    private static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            LOG.warn("closing Chromium failed: {}", e.toString());
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the Chromium profile {}: {}", profile, e.toString());
        }
    }
}
