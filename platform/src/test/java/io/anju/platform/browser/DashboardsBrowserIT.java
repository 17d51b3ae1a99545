package io.anju.platform.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import io.anju.cases.model.Role;
import io.anju.common.json.Json;
import io.anju.common.model.Compound;
import io.anju.common.topic.Topics;
import io.anju.platform.DemoScenario;
import io.anju.platform.Platform;
import io.anju.platform.PlatformSettings;
import io.anju.platform.browser.Browser.FetchResult;
import io.anju.sim.fault.FaultKind;
import io.anju.testsupport.InfluxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards in a real Chromium against the whole platform in one process ({@link Platform}: gateway, Kafka,
 * Flink jobs, case service with PostgreSQL, dashboards, simulator playing the demo scenario), in the order a demo
 * goes: every role signs in, the crowd map turns live, the property manager acknowledges the fire risk, stops a
 * port and is refused a resume while the fire risk is open, the grid centre takes the case to its evaluation, scopes
 * hold, a phone shows the grid worker's queue, and the property manager's phone shows the automatic stop confirmed by
 * the charger's readings and resumes the port once the fire risk cleared (a real InfluxDB holds the port's
 * temperatures the resume is judged by).
 * Screenshots of every view go to {@code target/screenshots}.
 *
 * <p>Speed: the simulator plays at {@value #SPEED}×. Faster, the thermal runaway (20 simulated minutes) ends — its
 * alert clearing moves the case on by itself — before the grid centre has taken its steps. The scenario's faults start
 * {@link #FAULTS_AFTER} into the simulated evening instead of the demo's one minute (6 s of real time), so the emergency
 * manager is looking at the surge zone before the surge however busy the machine is; the test checks it did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardsBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardsBrowserIT.class);
    static final double SPEED = 10;
    /** When the demo's faults start: 30 s of real time after the simulator, for step 1 to reach the crowd map. */
    static final Duration FAULTS_AFTER = Duration.ofMinutes(5);
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(60);
    private static final Duration STEP_WITHIN = Duration.ofSeconds(20);
    /**
     * A command's delivery report and the charger's reply in the case's history: a trip of a tenth of a second through
     * Kafka, the gateway, the charger and the case service, given 30 s on a loaded machine.
     */
    private static final Duration COMMAND_OUTCOMES_WITHIN = Duration.ofSeconds(30);
    /**
     * The automatic stop confirmed by the port's readings, from the phone step's start: the runaway's port turns red
     * about 8 simulated minutes in (48 s at 10×), is stopped, and reads off within seconds; the step starts after the
     * grid centre's steps, and on a loaded machine the jobs may lag by a minute.
     */
    private static final Duration STOP_CONFIRMED_WITHIN = Duration.ofSeconds(90);
    /** The acknowledge button's label once done (zh-CN, the default language). */
    private static final String ACKNOWLEDGED = "已确认";
    private static final Set<String> WARNING_LEVELS = Set.of("blue", "yellow", "orange", "red");
    /** The navigation each role gets (issue 5, section 1), in the order the header shows it. */
    private static final Map<Role, List<String>> NAV = Map.of(
            Role.DISTRICT_OPERATOR, List.of("crowd", "chargers", "cases", "ops", "devices"),
            Role.SUB_DISTRICT_OPERATOR, List.of("crowd", "chargers", "cases", "ops"),
            Role.COMMUNITY_OPERATOR, List.of("crowd", "chargers", "cases", "ops"),
            Role.EMERGENCY_MANAGER, List.of("crowd", "cases"),
            Role.PROPERTY_MANAGER, List.of("chargers", "cases"),
            Role.GRID_WORKER, List.of("cases", "chargers"),
            Role.DEPARTMENT_RESPONDER, List.of("cases"));

    /** A failed step leaves a picture of every open browser ({@code failed-<test>-<n>.png}). */
    @RegisterExtension
    final TestWatcher screenshotsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (int i = 0; i < browsers.size(); i++) {
                try {
                    browsers.get(i).screenshot("failed-" + context.getRequiredTestMethod().getName() + "-" + i);
                } catch (RuntimeException e) {
                    LOG.warn("no screenshot of browser {}: {}", i, e.toString());
                }
            }
        }
    };

    private Path dataDir;
    private TextMessageInbox phones;
    private InfluxServer influx;
    private Platform platform;
    private DemoScenario scenario;
    private String password;
    private final List<Browser> browsers = new ArrayList<>();
    private Browser emergency;
    private Browser visitor;
    private Browser operator;
    private Browser worker;
    private long upNanos;
    // handed from one step to the next
    private String fireCaseId;
    private String crowdCaseId;

    @BeforeAll
    void startPlatformAndBrowsers() throws Exception {
        dataDir = Files.createTempDirectory("anju-browser-it-");
        // Chromium starts while the platform does: the crowd surge is seconds away once the simulator plays.
        CompletableFuture<Browser> first = CompletableFuture.supplyAsync(DashboardsBrowserIT::openBrowser);
        CompletableFuture<Browser> second = CompletableFuture.supplyAsync(DashboardsBrowserIT::openBrowser);
        long start = System.nanoTime();
        phones = new TextMessageInbox();
        try {
            influx = new InfluxServer().start();
            platform = Platform.start(PlatformSettings.builder(dataDir).ports(PlatformSettings.Ports.anyFree())
                    .speed(SPEED).faultsAfter(FAULTS_AFTER).devices("limit=10")
                    .influxUrl(influx.url()).influxCredentials(influx.credentialsFile()).cases(Map.of(
                            "notify.sms.url", phones.url(),
                            "notify.sms.secret", "browser-test-sms-gateway-secret",
                            "notify.sms.fallbackPhones", "+8613800009999")).build());
        } finally {
            browsers.add(emergency = first.get(60, TimeUnit.SECONDS));
            browsers.add(visitor = second.get(60, TimeUnit.SECONDS));
        }
        upNanos = System.nanoTime();
        LOG.info("platform up after {} ms", (upNanos - start) / 1_000_000);
        scenario = platform.scenario().orElseThrow();
        password = platform.demoPassword();
        emergency.at(dashboardsUrl());
        visitor.at(dashboardsUrl());
    }

    @AfterAll
    void stopAll() {
        browsers.forEach(Browser::close);
        if (platform != null) {
            platform.close();
        }
        if (phones != null) {
            phones.close();
        }
        if (influx != null) {
            influx.close();
        }
        LOG.info("whole class done {} s after the platform came up", (System.nanoTime() - upNanos) / 1_000_000_000);
        deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /**
     * Every demo user signs in with the form, sees exactly their role's navigation and lands on its first view;
     * each view is captured, and the language toggle turns the Chinese labels English (and back).
     */
    @Test
    @Order(1)
    void everyRole_signsIn_seesExactlyItsViews_andSwitchesLanguage() {
        // The emergency manager first, left looking at the crowd map while the surge is still to come (step 2).
        List<DemoUser> team = new ArrayList<>(platform.demoTeam());
        team.sort((a, b) -> Boolean.compare(b.role() == Role.EMERGENCY_MANAGER, a.role() == Role.EMERGENCY_MANAGER));
        for (DemoUser user : team) {
            boolean isEmergency = user.role() == Role.EMERGENCY_MANAGER;
            Browser b = isEmergency ? emergency : visitor;
            List<String> views = NAV.get(user.role());
            b.signIn(user.name(), password);
            assertThat(b.attribute("current-role", "data-role")).isEqualTo(user.role().wireName());
            assertThat(b.allByTestIdPrefix("nav-")).extracting(e -> e.getDomAttribute("data-testid"))
                    .as("%s's navigation", user.name()).containsExactlyElementsOf(views.stream().map(v -> "nav-" + v).toList());
            b.waitUntil(STEP_WITHIN, d -> d.getCurrentUrl().endsWith("#/" + views.get(0)));

            // Chinese by default; the toggle switches every label, and back.
            assertThat(b.js("return document.documentElement.lang")).isEqualTo("zh-CN");
            assertThat(b.byTestId("nav-cases").getText()).isEqualTo("案件");
            b.click("lang-toggle");
            b.waitUntil(STEP_WITHIN, d -> "Cases".equals(b.byTestId("nav-cases").getText()));
            assertThat(b.js("return document.documentElement.lang")).isEqualTo("en");
            awaitView(b, views.get(0));
            b.screenshot("1-" + user.name() + "-" + views.get(0) + "-en");
            b.click("lang-toggle");
            b.waitUntil(STEP_WITHIN, d -> "案件".equals(b.byTestId("nav-cases").getText()));

            // Every view of the role, the first one last so the emergency manager stays on the crowd map.
            List<String> order = new ArrayList<>(views.subList(1, views.size()));
            order.add(views.get(0));
            for (String view : order) {
                b.click("nav-" + view);
                b.waitUntil(STEP_WITHIN, d -> d.getCurrentUrl().endsWith("#/" + view));
                awaitView(b, view);
                b.screenshot("1-" + user.name() + "-" + view);
            }
            if (isEmergency) {
                lookAtTheSurgeZoneBeforeTheSurge();
            } else {
                b.signOut();
            }
        }
        visitor.screenshot("0-login"); // signed out: the sign-in form
    }

    private void lookAtTheSurgeZoneBeforeTheSurge() {
        String zone = "zone-" + scenario.zone().id();
        emergency.waitFor(zone);
        emergency.waitForAttribute("live-status", "data-status", "live", STEP_WITHIN);
        String level = emergency.attribute(zone, "data-level");
        long lookedAt = platform.simulatedNow().orElseThrow();
        long surgeStart = scenario.faults().faults().stream().filter(f -> f.fault() == FaultKind.CROWD_SURGE)
                .findFirst().orElseThrow().startTs();
        assertThat(lookedAt).as("looked before the surge: %d s after the platform came up, %d simulated s before it",
                secondsSinceUp(), (surgeStart - lookedAt) / 1000).isLessThan(surgeStart);
        assertThat(level).as("the surge zone before the surge (%d s after the platform came up)", secondsSinceUp())
                .isEqualTo("none");
        // Marks that a live update must leave in place: the page (no reload) and the mounted view (no remount).
        LOG.info("surge zone {} still uncoloured {} s after the platform came up", scenario.zone().id(),
                secondsSinceUp());
        emergency.js("window.anjuMarker = 'before-surge';"
                + " document.querySelector('section.view.crowd').dataset.marker = 'before-surge';");
    }

    /**
     * The surge zone on the emergency manager's crowd map turns from {@code none} to a warning level by itself —
     * the page and the view are the ones marked before — and its warning lists the case it opened; clicking the zone
     * shows its history (or, without InfluxDB, says the history is unavailable).
     */
    @Test
    @Order(2)
    void emergencyManager_seesTheSurgeZoneColourLive_andItsHistory() throws Exception {
        String zoneId = scenario.zone().id();
        String zone = "zone-" + zoneId;
        String level = emergency.waitUntil(LIVE_WITHIN, d -> {
            String l = emergency.attribute(zone, "data-level");
            return WARNING_LEVELS.contains(l) ? l : null;
        });
        LOG.info("zone {} turned {} {} s after the platform came up", zoneId, level, secondsSinceUp());
        assertThat(emergency.js("return window.anjuMarker")).as("no page reload").isEqualTo("before-surge");
        assertThat(emergency.js("return document.querySelector('section.view.crowd').dataset.marker"))
                .as("the crowd view was not remounted").isEqualTo("before-surge");
        assertThat(emergency.attribute("zone-row-" + zoneId, "data-level")).as("the table agrees").isIn(WARNING_LEVELS);
        assertThat(emergency.attribute(zone, "data-stale")).as("its counter reports: not marked stale").isEqualTo("false");

        // The warning and its case (the alert's case link comes from the case list, by dedup key). Read in one go: the
        // alert list is re-rendered with every revision of the surge's alerts.
        crowdCaseId = emergency.waitUntil(LIVE_WITHIN, d -> d.findElements(By.cssSelector(
                "[data-testid^='alert-'][data-zone='" + zoneId + "'] [data-testid^='case-link-']"))
                .stream().findFirst().map(a -> a.getDomAttribute("data-testid").substring("case-link-".length()))
                .orElse(null));
        emergency.screenshot("2-emergency-crowd-" + level);

        emergency.click(zone);
        // The history answers: a chart, "no history yet" (the demo's device clock runs ahead of InfluxDB's now()
        // within minutes), or, without InfluxDB, that it is unavailable.
        emergency.waitUntil(STEP_WITHIN, d -> emergency.present("history-unavailable")
                || emergency.present("history-occupancy") || emergency.present("history-empty"));
        assertThat(emergency.present("history-unavailable")).as("InfluxDB %s", platform.settings().influxUrl())
                .isEqualTo(platform.settings().influxUrl() == null);
        emergency.screenshot("2-emergency-crowd-history");
        JsonNode crowdCase = json(emergency.fetch("GET", "/api/cases/" + crowdCaseId), 200).path("case");
        assertThat(crowdCase.path("alertType").asText()).startsWith("crowd");
        assertThat(crowdCase.path("location").path("zoneId").asText()).isEqualTo(zoneId);
        assertThat(crowdCase.path("location").path("gridId").asText()).as("another grid than the grid worker's")
                .isNotEqualTo(scenario.charger().location().gridId());
        emergency.close();
        browsers.remove(emergency);
    }

    /**
     * The property manager sees the demo charger online, the thermal runaway's fire-risk alarm with its case,
     * acknowledges it (the case becomes {@code verified}), and stops another port of the same charger through the
     * typed confirmation: the command goes through the case service, the gateway delivers it and the simulated charger
     * answers, as the case's history tells. A resume of the runaway's port is refused, naming the open fire risk.
     */
    @Test
    @Order(3)
    void propertyManager_acknowledgesTheFireRisk_stopsAnotherPort_andIsRefusedAResumeWhileItIsOpen() throws Exception {
        String charger = scenario.charger().id();
        visitor.signIn("property", password);
        visitor.waitForAttribute("station-" + charger, "data-online", "true", STEP_WITHIN);

        String alarmSelector = "[data-testid^='alarm-'][data-type='fire_risk'][data-device='" + charger + "']";
        // Read in one go: the alarm list is re-rendered with every revision of the runaway's alert.
        List<String> found = visitor.waitUntil(Duration.ofSeconds(90), d -> d.findElements(
                By.cssSelector(alarmSelector)).stream()
                .filter(a -> !a.findElements(By.cssSelector("[data-testid^='case-link-']")).isEmpty())
                .findFirst().map(a -> List.of(a.getDomAttribute("data-testid").substring("alarm-".length()),
                        a.getDomAttribute("data-port"), a.findElement(By.cssSelector("[data-testid^='case-link-']"))
                                .getDomAttribute("data-testid").substring("case-link-".length()),
                        a.findElement(By.cssSelector("[data-testid^='summary-']")).getText()))
                .orElse(null));
        String alertId = found.get(0);
        assertThat(found.get(1)).isEqualTo(String.valueOf(scenario.port()));
        fireCaseId = found.get(2);
        assertThat(found.get(3)).as("the alarm's summary in the Chinese UI, rendered from its facts")
                .contains("火灾风险").doesNotContain("Fire risk");
        LOG.info("fire-risk alarm {} (case {}) on the page {} s after the platform came up", alertId, fireCaseId,
                secondsSinceUp());
        visitor.screenshot("3-property-chargers-alarm");

        visitor.click("ack-" + alertId);
        // Done when the button says so (it stays disabled as "acknowledged"), or an error shows beside it.
        visitor.waitUntil(STEP_WITHIN, d -> ACKNOWLEDGED.equals(visitor.byTestId("ack-" + alertId).getText())
                || !visitor.byTestId("ack-result-" + alertId).getText().isEmpty());
        assertThat(visitor.byTestId("ack-result-" + alertId).getText()).as("no error").isEmpty();
        assertThat(visitor.byTestId("ack-" + alertId).isEnabled()).as("not offered twice").isFalse();
        JsonNode acknowledged = json(visitor.fetch("GET", "/api/cases/" + fireCaseId), 200).path("case");
        assertThat(acknowledged.path("state").asText()).isEqualTo("verified");
        assertThat(acknowledged.path("alertType").asText()).isEqualTo("fire_risk");
        visitor.screenshot("3-property-chargers-acknowledged");

        // A different port: the runaway's own port is stopped by the platform itself when it turns red.
        int port = scenario.port() == 1 ? 2 : 1;
        visitor.click("stop-" + charger + "-" + port);
        WebElement typed = visitor.waitFor("confirm-port");
        assertThat(visitor.byTestId("confirm-stop").isEnabled()).as("no stop before the port is typed").isFalse();
        typed.sendKeys(String.valueOf(port + 1));
        assertThat(visitor.byTestId("confirm-stop").isEnabled()).as("the wrong port does not confirm").isFalse();
        typed.clear();
        typed.sendKeys(String.valueOf(port));
        visitor.screenshot("3-property-stop-confirm");
        visitor.click("confirm-stop");
        visitor.waitForAttribute("command-status", "data-delivery", "delivered", STEP_WITHIN);
        String reply = visitor.waitUntil(Duration.ofSeconds(30), d -> {
            String r = visitor.attribute("command-status", "data-reply");
            return "pending".equals(r) ? null : r;
        });
        assertThat(reply).as("the charger's own reply").isEqualTo("ok");
        assertThat(visitor.byTestId("command-reply").getText()).contains("port " + port + " stopped");
        visitor.screenshot("3-property-stop-reply");
        visitor.click("close-dialog");

        // The runaway's own port, stopped by the platform: no resume while the fire risk that caused the stop is open.
        visitor.go("#/cases/" + fireCaseId);
        visitor.click("case-resume");
        visitor.click("confirm-resume");
        WebElement refused = visitor.waitFor("resume-error", STEP_WITHIN);
        assertThat(refused.getDomAttribute("data-code")).as(refused.getText()).isEqualTo("alert_open");
        assertThat(refused.getText()).as("names the open alert").contains(alertId);
        visitor.screenshot("3-property-resume-refused");
        visitor.click("cancel-resume");
        visitor.waitUntil(STEP_WITHIN, d -> d.findElements(By.cssSelector(
                "[data-testid='command-story'] [data-refused='alert_open']")).size() == 1);
        visitor.signOut();
    }

    /**
     * The grid centre takes the fire-risk case through its steps in the case view: the community operator analyses
     * and dispatches, the grid worker starts and reports back with a note, the operator closes and scores it; the
     * operator's case view shows the KPI table.
     */
    @Test
    @Order(4)
    void gridCentre_takesTheFireRiskCaseThroughItsSteps_toEvaluated() throws Exception {
        assertThat(fireCaseId).as("step 3 found the fire-risk case").isNotNull();
        browsers.add(operator = openBrowser().at(dashboardsUrl()));
        worker = visitor;
        operator.signIn("community", password);
        operator.click("nav-cases");
        operator.waitFor("case-" + fireCaseId);
        operator.waitFor("kpi-table");
        assertThat(operator.present("kpi-row-" + scenario.charger().location().gridId()))
                .as("the demo grid's KPI row").isTrue();
        operator.screenshot("4-community-cases-kpis");
        operator.click("case-" + fireCaseId);
        awaitState(operator, "verified");

        step(operator, "analyse", "analysed");
        step(operator, "dispatch", "dispatched");
        operator.screenshot("4-community-case-dispatched");
        operator.js("window.anjuMarker = 'operator-page'");

        worker.signIn("grid", password);
        worker.go("#/cases/" + fireCaseId);
        awaitState(worker, "dispatched");
        step(worker, "start", "in_handling");
        // Sent again until the case moves: a live re-render may swap the form between typing and sending.
        submitUntil(worker, "feedback_submitted", "action-submit_feedback",
                () -> {
                    WebElement note = worker.byTestId("action-note");
                    note.clear();
                    note.sendKeys("Port isolated, extinguisher on site, no open flame.");
                });
        worker.screenshot("4-grid-case-feedback");

        // The operator's open page follows the grid worker's steps by itself (the relayed case notices).
        awaitState(operator, "feedback_submitted");
        assertThat(operator.js("return window.anjuMarker")).as("no reload").isEqualTo("operator-page");
        step(operator, "close", "closed");
        submitUntil(operator, "evaluated", "action-evaluate",
                () -> new Select(operator.byTestId("action-score")).selectByValue("4"));
        operator.screenshot("4-community-case-evaluated");

        JsonNode detail = json(operator.fetch("GET", "/api/cases/" + fireCaseId), 200);
        assertThat(detail.path("case").path("evaluationScore").asInt()).isEqualTo(4);
        List<String> steps = new ArrayList<>();
        detail.path("history").forEach(e -> steps.add(e.path("toState").asText()));
        assertThat(steps).as("the audited history").containsSubsequence("verified", "analysed", "dispatched",
                "in_handling", "feedback_submitted", "closed", "evaluated");
    }

    /**
     * Scope holds in the browser as on the API: the property manager gets no crowd view and no crowd data, and no
     * charger of another compound; the grid worker cannot open a case of another grid.
     */
    @Test
    @Order(5)
    void aRole_cannotOpenAnotherScopesPagesOrApi() throws Exception {
        String compound = scenario.charger().location().compoundId();
        String otherCompound = platform.registry().compounds().stream().filter(Compound::chargers)
                .map(Compound::id).filter(id -> !id.equals(compound)).findFirst().orElseThrow();
        Browser property = openBrowser().at(dashboardsUrl());
        browsers.add(property);
        property.signIn("property", password);
        property.go("#/crowd");
        property.waitFor("view-forbidden");
        property.screenshot("5-property-crowd-forbidden");
        FetchResult zones = property.fetch("GET", "/api/crowd/zones");
        assertThat(zones.status() == 403 || (zones.status() == 200 && zones.body().trim().equals("[]")))
                .as("crowd zones for a property manager: %s", zones).isTrue();
        assertThat(property.fetch("GET", "/api/chargers?compound=" + otherCompound).status())
                .as("chargers of compound %s", otherCompound).isEqualTo(403);
        assertThat(property.fetch("GET", "/api/chargers?compound=" + compound).status()).isEqualTo(200);

        assertThat(crowdCaseId).as("step 2 found the crowd case").isNotNull();
        worker.go("#/cases/" + crowdCaseId);
        WebElement error = worker.waitFor("view-error");
        LOG.info("the grid worker opening crowd case {}: {}", crowdCaseId, error.getText());
        assertThat(worker.fetch("GET", "/api/cases/" + crowdCaseId).status()).isEqualTo(404);
        worker.screenshot("5-grid-other-grid-case");
    }

    /**
     * The district centre finds the scenario's charger in the Devices view and opens its page: the record, its last
     * known state from the twin (connected, one row per port) and its connection history.
     */
    @Test
    @Order(8)
    void district_opensAChargersDevicePage_andSeesItsLastKnownState() {
        Browser b = openBrowser().at(dashboardsUrl());
        browsers.add(b);
        String charger = scenario.charger().id();
        b.signIn("district", password);
        b.go("#/devices");
        b.waitFor("device-table", STEP_WITHIN);
        b.byTestId("device-search").sendKeys(charger);
        b.waitUntil(STEP_WITHIN, d -> b.allByTestIdPrefix("device-" + charger).size() > 0);
        b.go("#/devices/" + charger);
        b.waitFor("device-record", STEP_WITHIN);
        assertThat(b.byTestId("device-detail").getText()).contains(charger);
        assertThat(b.byTestId("device-place").getText()).as("the compound by its name")
                .contains(platform.registry().compound(scenario.charger().location().compoundId()).orElseThrow().name());
        b.waitUntil(STEP_WITHIN, d -> b.allByTestIdPrefix("twin-port-").size()
                == scenario.charger().charger().ports());
        assertThat(b.byTestId("device-state").getText()).as("the twin's connection").isNotBlank();
        b.waitUntil(STEP_WITHIN, d -> b.allByTestIdPrefix("connection-").size() > 0);
        b.screenshot("9-district-device-page");
    }

    /** The grid worker's queue on a phone-size screen (360 × 740), without sideways scrolling. */
    @Test
    @Order(6)
    void gridWorker_readsTheQueueOnAPhone() throws Exception {
        Browser phone = Browser.open(360, 740).at(dashboardsUrl());
        browsers.add(phone);
        phone.signIn("grid", password);
        phone.waitUntil(STEP_WITHIN, d -> d.getCurrentUrl().endsWith("#/cases"));
        awaitView(phone, "cases");
        phone.screenshot("6-grid-cases-phone");
        Number overflow = (Number) phone.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }

    /**
     * A red fire-risk case the grid worker files that nobody acknowledges: its acknowledge clock shows, the missed
     * deadline escalates it, and the community centre's open case page shows the escalation by itself; then the grid
     * worker acknowledges it from the link in their text message, without signing in, and the same link cannot be
     * used twice. (The demo's deadlines run at its speed: 2 min to acknowledge a red fire risk is 12 s here.)
     */
    @Test
    @Order(7)
    void anUnacknowledgedRedCase_escalatesToTheCommunityCentre_andIsAcknowledgedFromTheTextMessage() throws Exception {
        String compound = scenario.charger().location().compoundId();
        Browser grid = openBrowser().at(dashboardsUrl());
        Browser community = openBrowser().at(dashboardsUrl());
        browsers.add(grid);
        browsers.add(community);
        grid.signIn("grid", password);
        community.signIn("community", password);

        JsonNode filed = json(grid.fetch("POST", "/api/cases", Json.mapper().createObjectNode()
                .put("origin", "grid_report").put("title", "充电棚冒烟 smoke from the charging shed")
                .put("categoryCode", "01-01").put("severity", "red").put("compoundId", compound).toString()), 201);
        String caseId = filed.path("id").asText();
        String caseNo = filed.path("caseNo").asText();
        assertThat(filed.path("acknowledgeDueAt").asText()).as("an acknowledge deadline").isNotEmpty();

        community.go("#/cases/" + caseId);
        awaitState(community, "collected");
        community.js("window.anjuMarker = 'before-escalation'");
        assertThat(community.attribute("case-clock", "data-clock")).as("the clock that bites first")
                .isEqualTo("cases.ackDue");
        community.waitFor("badge-escalated", LIVE_WITHIN);
        assertThat(community.js("return window.anjuMarker")).as("shown live, no reload").isEqualTo("before-escalation");
        community.screenshot("7-community-case-escalated");
        JsonNode history = json(community.fetch("GET", "/api/cases/" + caseId), 200).path("history");
        List<JsonNode> escalations = new ArrayList<>();
        history.forEach(e -> {
            if ("escalated".equals(e.path("kind").asText())) {
                escalations.add(e);
            }
        });
        assertThat(escalations).as("escalations in %s", history).isNotEmpty();
        assertThat(escalations.get(0).path("data").path("stage").asText()).isEqualTo("acknowledge");
        assertThat(escalations.get(0).path("data").path("level").asText()).isEqualTo("community");
        assertThat(escalations.get(0).path("data").path("to").asText())
                .isEqualTo(scenario.charger().location().communityId());

        // The people on duty (grid, compound, fire department) each get their own acknowledge link by text.
        JsonNode text = grid.waitUntil(STEP_WITHIN, d -> phones.first(m -> caseNo.equals(m.path("caseNo").asText())
                && m.path("links").size() > 0).orElse(null));
        assertThat(text.path("recipients").size()).as("named recipients in %s", text).isGreaterThan(0);
        String link = text.path("links").elements().next().asText();
        Browser phone = Browser.open(360, 740);
        browsers.add(phone);
        assertThat(phone.visit(link)).contains(caseNo).contains("确认人");
        phone.screenshot("7-phone-acknowledge-link");
        phone.clickCss("form button");
        phone.waitUntil(STEP_WITHIN, d -> phone.pageText().contains("已记录您的确认"));
        JsonNode acknowledged = json(community.fetch("GET", "/api/cases/" + caseId), 200).path("case");
        assertThat(acknowledged.path("acknowledgedAt").asText()).as("acknowledged").isNotEmpty();
        assertThat(acknowledged.path("state").asText()).isEqualTo("verified");
        awaitState(community, "verified");

        assertThat(phone.visit(link)).as("the same link again").contains("已使用");
        phone.screenshot("7-phone-acknowledge-link-used");
    }

    /**
     * The property manager's phone (360 × 740) shows the fire-risk case's automatic stop confirmed by the charger's
     * readings, without sideways scrolling; once the fire risk cleared (and the port cooled), the resume that was
     * refused goes out and the charger takes it.
     */
    @Test
    // Last, and longer than the others: the runaway must end and its fire risk stay quiet for ten simulated minutes
    // first, so the steps that do not wait for that run before it, while the simulated evening goes on.
    @Order(9)
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void propertyManager_onAPhone_seesTheStopConfirmedByReadings_andResumesOnceTheFireRiskCleared() throws Exception {
        assertThat(fireCaseId).as("step 3 found the fire-risk case").isNotNull();
        Browser phone = Browser.open(360, 740).at(dashboardsUrl());
        browsers.add(phone);
        phone.signIn("property", password);
        phone.go("#/cases/" + fireCaseId);
        String confirmed = "[data-testid='command-story'] [data-action='stop_port'][data-confirmation='confirmed']";
        WebElement stop = awaitCommands(phone, STOP_CONFIRMED_WITHIN, "the automatic stop confirmed by readings",
                d -> d.findElements(By.cssSelector(confirmed)).stream().findFirst().orElse(null));
        assertThat(stop.isDisplayed()).isTrue();
        assertThat(stop.getText()).as("says so in words").contains("断电");
        phone.screenshot("7-property-phone-stop-confirmed");
        Number overflow = (Number) phone.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);

        // The runaway ends and its fire risk clears by itself (the alerting job, then the case service's intake): about
        // 240 s after the platform came up on a quiet machine (25 simulated minutes, then 10 quiet ones, at 10×).
        awaitCase(phone, Duration.ofMinutes(5), "the fire risk's clear", kind -> !kind.startsWith("command"), d -> {
            try {
                return "cleared".equals(json(phone.fetch("GET", "/api/cases/" + fireCaseId), 200)
                        .path("case").path("alertStatus").asText());
            } catch (Exception e) {
                return false;
            }
        });
        LOG.info("fire risk of case {} cleared {} s after the platform came up", fireCaseId, secondsSinceUp());
        phone.go("#/cases/" + fireCaseId);
        phone.click("case-resume");
        phone.click("confirm-resume");
        phone.waitUntil(STEP_WITHIN, d -> phone.present("command-status") || phone.byTestId("resume-error").isDisplayed());
        assertThat(phone.present("command-status")).as("resume accepted: %s", phone.present("resume-error")
                ? phone.byTestId("resume-error").getText() : "").isTrue();
        // The dialog follows the resume until the gateway's delivery report and the charger's reply are both in.
        awaitCommands(phone, COMMAND_OUTCOMES_WITHIN, "the resume's delivery report",
                d -> "delivered".equals(phone.attribute("command-status", "data-delivery")));
        String reply = awaitCommands(phone, COMMAND_OUTCOMES_WITHIN, "the charger's reply to the resume", d -> {
            String r = phone.attribute("command-status", "data-reply");
            return "pending".equals(r) ? null : r;
        });
        assertThat(reply).as("the charger's own reply").isEqualTo("ok");
        phone.screenshot("7-property-phone-resumed");
        phone.click("close-dialog");
        // The case's command story shows what the dialog did.
        awaitCommands(phone, STEP_WITHIN, "the delivered resume in the case's command story", d -> !d.findElements(
                By.cssSelector("[data-testid='command-story'] [data-action='resume_port'][data-delivery='delivered']"
                        + "[data-reply='ok']")).isEmpty());
    }

    /** {@link #awaitCase} listing the case's command history when {@code what} does not show. */
    private <T> T awaitCommands(Browser b, Duration within, String what, Function<WebDriver, T> condition) {
        return awaitCase(b, within, what, kind -> kind.startsWith("command"), condition);
    }

    /**
     * Waits for {@code what} to show on the fire-risk case; when it does not, fails naming it, with the case's alert as
     * the case service has it and the entries of its history whose kind {@code listed} accepts.
     */
    private <T> T awaitCase(Browser b, Duration within, String what, Predicate<String> listed,
                            Function<WebDriver, T> condition) {
        try {
            return b.waitUntil(within, condition);
        } catch (TimeoutException e) {
            List<String> lines = new ArrayList<>();
            String station = scenario.charger().id();
            try {
                JsonNode read = json(b.fetch("GET", "/api/cases/" + fireCaseId), 200);
                JsonNode c = read.path("case");
                lines.add("alert " + c.path("alertId").asText() + " " + c.path("alertType").asText() + " "
                        + c.path("alertStatus").asText() + " " + c.path("alertSeverity").asText() + ", state "
                        + c.path("state").asText() + ", " + secondsSinceUp() + " s after the platform came up");
                read.path("history").forEach(h -> {
                    if (listed.test(h.path("kind").asText())) {
                        lines.add(h.path("at").asText() + " " + h.path("kind").asText() + " " + h.path("data"));
                    }
                });
            } catch (Exception | AssertionError f) {
                lines.add("(the case could not be read: " + f + ")");
            }
            try {
                json(b.fetch("GET", "/api/chargers?compound=" + scenario.charger().location().compoundId()), 200)
                        .findParents("id").stream().filter(n -> station.equals(n.path("id").asText()))
                        .forEach(n -> lines.add("station now: " + n));
            } catch (Exception | AssertionError f) {
                lines.add("(the station could not be read: " + f + ")");
            }
            lines.addAll(CommandTrail.of(platform.kafka(), Topics.COMMANDS, station));
            lines.addAll(CommandTrail.of(platform.kafka(), Topics.COMMAND_RESULTS, station));
            platform.gateway().meters().scrape().lines().filter(l -> l.startsWith("anju_gateway_commands"))
                    .forEach(l -> lines.add("gateway " + l));
            throw new AssertionError(what + " did not show within " + within.toSeconds() + " s; case " + fireCaseId
                    + ":\n" + String.join("\n", lines), e);
        }
    }

    /** Waits until the view shows content (not the loading line). */
    private static void awaitView(Browser b, String view) {
        String ready = switch (view) {
            case "crowd" -> "[data-testid='crowd-map'], [data-testid='no-zones']";
            case "chargers" -> "[data-testid^='station-'], [data-testid='no-compounds'], [data-testid='stations'] p";
            case "cases" -> "[data-testid='case-list'] ul, [data-testid='no-cases']";
            case "ops" -> "[data-testid='ops-gateway']";
            case "devices" -> "[data-testid='device-table'], [data-testid='no-devices']";
            default -> throw new IllegalArgumentException(view);
        };
        b.waitUntil(STEP_WITHIN, d -> !d.findElements(By.cssSelector(ready)).isEmpty()
                && d.findElements(By.cssSelector("main [data-testid='loading']")).isEmpty());
    }

    private static void step(Browser b, String action, String expectedState) {
        b.click("action-" + action);
        awaitState(b, expectedState);
    }

    /**
     * Fills the step form ({@code fill}) and presses {@code button} until the case is in {@code state}; not while a
     * press is under way (the button is disabled then), so the step is sent once.
     */
    private static void submitUntil(Browser b, String state, String button, Runnable fill) {
        b.waitUntil(STEP_WITHIN, d -> {
            if (state.equals(b.attribute("case-state", "data-state"))) {
                return true;
            }
            WebElement send = b.byTestId(button);
            if (send.isEnabled()) {
                fill.run();
                send.click();
            }
            return false;
        });
    }

    private static void awaitState(Browser b, String state) {
        b.waitForAttribute("case-state", "data-state", state, STEP_WITHIN);
    }

    private static JsonNode json(FetchResult r, int status) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return Json.mapper().readTree(r.body());
    }

    private String dashboardsUrl() {
        return "http://127.0.0.1:" + platform.dashboardsHttpPort();
    }

    private long secondsSinceUp() {
        return (System.nanoTime() - upNanos) / 1_000_000_000;
    }

    private static Browser openBrowser() {
        try {
            return Browser.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
