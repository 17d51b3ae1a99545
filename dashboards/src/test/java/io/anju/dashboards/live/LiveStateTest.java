package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.Viewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.anju.dashboards.live.LiveFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiveStateTest {

    @TempDir
    Path blobs;
    HandClock clock;
    LiveState state;
    List<LiveEvent> events;
    long t0;

    @BeforeEach
    void setUp() {
        clock = new HandClock(START);
        t0 = clock.millis();
        state = liveState(blobs, clock);
        events = new CopyOnWriteArrayList<>();
        state.onChange(events::add);
    }

    @Test
    void crowdTelemetryGivesDensityShareAndFlowsPerMinute() {
        Device counter = crowdCounter(0);
        CrowdZone zone = zoneOf(counter);

        state.crowdTelemetry(crowd(counter, t0, 412, 37, 29));

        ZoneLive z = state.zone(zone.id()).orElseThrow();
        assertThat(z.occupancy()).isEqualTo(412);
        assertThat(z.density()).isCloseTo(412 / zone.areaM2(), within(0.001));
        assertThat(z.share()).isCloseTo(412.0 / zone.capacity(), within(0.001));
        assertThat(z.inPerMin()).isEqualTo(222.0);
        assertThat(z.outPerMin()).isEqualTo(174.0);
        assertThat(z.level()).isEqualTo("none");
        assertThat(z.forecastMin()).isNull();
        assertThat(z.updatedAt()).isEqualTo(Instant.ofEpochMilli(t0 + 50).toString());
        assertThat(events).extracting(LiveEvent::name, LiveEvent::itemId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LiveEvent.ZONE, zone.id()));
    }

    @Test
    void aZoneWhoseCounterIsSilentLongerThanCrowdStaleAfterIsStaleSinceItsLastReadingAndTheSweepSaysSoOnce()
            throws IOException {
        Device counter = crowdCounter(0);
        CrowdZone zone = zoneOf(counter);
        assertThat(state.zone(zone.id()).orElseThrow().stale()).as("never heard since the start").isTrue();
        state.crowdTelemetry(crowd(counter, t0, 412, 37, 29));
        ZoneLive live = state.zone(zone.id()).orElseThrow();
        assertThat(live.stale()).isFalse();
        assertThat(Json.mapper().readTree(Json.toString(live)).path("stale").isBoolean()).isTrue();

        clock.advance(CROWD_STALE_AFTER);
        state.sweepStale();
        assertThat(state.zone(zone.id()).orElseThrow().stale()).as("silent exactly crowd.staleAfter").isFalse();
        assertThat(events).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        state.sweepStale();
        state.sweepStale();
        ZoneLive frozen = state.zone(zone.id()).orElseThrow();
        assertThat(frozen.stale()).isTrue();
        assertThat(frozen.occupancy()).as("the last reading's figures").isEqualTo(412);
        assertThat(frozen.updatedAt()).as("the time of the last reading").isEqualTo(Instant.ofEpochMilli(t0 + 50).toString());
        assertThat(events).extracting(LiveEvent::name, LiveEvent::itemId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LiveEvent.ZONE, zone.id()),
                org.assertj.core.groups.Tuple.tuple(LiveEvent.ZONE, zone.id()));
        JsonNode event = Json.mapper().readTree(events.get(1).data());
        assertThat(event.path("stale").asBoolean()).isTrue();
        assertThat(event.path("updatedAt").asText()).isEqualTo(Instant.ofEpochMilli(t0 + 50).toString());
        assertThat(event.path("occupancy").asInt()).isEqualTo(412);

        state.crowdTelemetry(crowd(counter, clock.millis(), 380, 10, 12));
        assertThat(state.zone(zone.id()).orElseThrow().stale()).as("heard again").isFalse();
        state.sweepStale();
        assertThat(events).hasSize(3);
        assertThat(Json.mapper().readTree(events.get(2).data()).path("stale").asBoolean()).isFalse();
    }

    @Test
    void anOlderReadingDoesNotReplaceANewerOne() {
        Device counter = crowdCounter(0);
        state.crowdTelemetry(crowd(counter, t0 + 10_000, 300, 0, 0));
        state.crowdTelemetry(crowd(counter, t0, 100, 0, 0));

        assertThat(state.zone(zoneOf(counter).id()).orElseThrow().occupancy()).isEqualTo(300);
        assertThat(events).hasSize(1);
    }

    @Test
    void levelAndForecastFollowTheZonesOpenAlertsAndAClearRemovesThem() {
        Device counter = crowdCounter(1);
        CrowdZone zone = zoneOf(counter);
        state.crowdTelemetry(crowd(counter, t0, 500, 10, 5));

        state.alert(zoneAlert(AlertType.CROWD_DENSITY, zone, counter, Severity.YELLOW, AlertStatus.RAISED, 1, t0, t0,
                List.of()));
        state.alert(zoneAlert(AlertType.CROWD_DENSITY, zone, counter, Severity.ORANGE, AlertStatus.UPDATED, 2, t0,
                t0 + 10_000, List.of()));
        state.alert(zoneAlert(AlertType.CROWD_FORECAST, zone, counter, Severity.RED, AlertStatus.RAISED, 1, t0,
                t0 + 10_000, List.of(Evidence.reading(t0, counter.id(), "minutesToLevel", 6.24, "min"))));

        ZoneLive open = state.zone(zone.id()).orElseThrow();
        assertThat(open.level()).isEqualTo("orange");
        assertThat(open.nextLevel()).isEqualTo("red");
        assertThat(open.forecastMin()).isEqualTo(6.2);
        assertThat(state.activeAlerts(district(), AlertKind.fromWire("crowd")))
                .extracting(ActiveAlert::type).containsExactly("crowd_forecast", "crowd_density");

        // A repeat of revision 1 (a replay) changes nothing; the clears close both.
        state.alert(zoneAlert(AlertType.CROWD_DENSITY, zone, counter, Severity.YELLOW, AlertStatus.RAISED, 1, t0, t0,
                List.of()));
        assertThat(state.zone(zone.id()).orElseThrow().level()).isEqualTo("orange");
        state.alert(zoneAlert(AlertType.CROWD_DENSITY, zone, counter, Severity.ORANGE, AlertStatus.CLEARED, 3, t0,
                t0 + 20_000, List.of()));
        state.alert(zoneAlert(AlertType.CROWD_FORECAST, zone, counter, Severity.RED, AlertStatus.CLEARED, 2, t0,
                t0 + 20_000, List.of()));

        ZoneLive cleared = state.zone(zone.id()).orElseThrow();
        assertThat(cleared.level()).isEqualTo("none");
        assertThat(cleared.forecastMin()).isNull();
        assertThat(cleared.nextLevel()).isNull();
        assertThat(state.activeAlerts(district(), Optional.empty())).isEmpty();
        assertThat(events).filteredOn(e -> e.name().equals(LiveEvent.ALERT)).hasSize(5);
    }

    /**
     * The rebuild at start reads the retained history, in which the at-least-once alerting job's restarts left
     * revisions twice: each is published once, and a cleared episode's replayed raise is no ghost.
     */
    @Test
    void aRebuildThroughTheJobsRepeatsPublishesEachRevisionOnceAndShowsNoGhost() {
        Device station = chargersOfTwoCompounds().get(0);
        var a1 = portAlert(station, 1, Severity.YELLOW, AlertStatus.RAISED, 1, t0, t0);
        var a2 = portAlert(station, 1, Severity.RED, AlertStatus.UPDATED, 2, t0, t0 + 30_000);
        var a3 = portAlert(station, 1, Severity.RED, AlertStatus.CLEARED, 3, t0, t0 + 60_000);
        var b1 = portAlert(station, 2, Severity.YELLOW, AlertStatus.RAISED, 1, t0 + 10_000, t0 + 10_000);
        var c1 = portAlert(station, 1, Severity.ORANGE, AlertStatus.RAISED, 1, t0 + 120_000, t0 + 120_000);
        // Restarted from a checkpoint before a1, then from one before c1.
        List.of(a1, b1, a2, a3, a1, b1, a2, a3, c1, c1).forEach(state::alert);

        assertThat(events).filteredOn(e -> e.name().equals(LiveEvent.ALERT))
                .extracting(e -> json(e).path("id").asText() + "#" + json(e).path("revision").asInt())
                .containsExactly(a1.id() + "#1", b1.id() + "#1", a2.id() + "#2", a3.id() + "#3", c1.id() + "#1");
        assertThat(state.activeAlerts(district(), Optional.empty()))
                .extracting(ActiveAlert::id, ActiveAlert::revision)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(c1.id(), 1),
                        org.assertj.core.groups.Tuple.tuple(b1.id(), 1));
        assertThat(state.alertEpisodesRemembered()).as("a1's episode, closed").isEqualTo(1);
        assertThat(state.alertEpisodesForgotten()).isZero();
    }

    /**
     * People read a live alert in their language: its title and summary are rendered from its facts in Chinese and
     * English (the registry's name of the compound) once, when it arrives, and the event and the list carry both.
     */
    @Test
    void aLiveAlertCarriesItsTitleAndSummaryInChineseAndEnglish_renderedFromItsFactsWhenItArrives() {
        Device station = chargersOfTwoCompounds().get(0);
        String compound = REGISTRY.compound(station.location().compoundId()).orElseThrow().name();
        state.alert(withOverloadFacts(portAlert(station, 3, Severity.RED, AlertStatus.RAISED, 1, t0, t0)));

        JsonNode texts = json(events.get(0)).path("texts");
        assertThat(texts.path("zh-CN").path("title").asText()).isEqualTo(compound + "充电桩 " + station.id() + " 3号端口过载");
        assertThat(texts.path("zh-CN").path("summary").asText()).startsWith(compound + "充电桩 " + station.id())
                .contains("功率 1132 W（限值 1000 W）", "已超限 30 秒", "建议：切断该端口电源");
        assertThat(texts.path("en").path("title").asText()).isEqualTo("Port 3 of charger " + station.id()
                + " overloaded at " + compound);
        assertThat(texts.path("en").path("summary").asText())
                .contains("power 1132 W (limit 1000 W)", "for 30 s", "stop the port");
        assertThat(json(events.get(0)).path("summary").asText()).as("the detector's line, kept")
                .isEqualTo("port 3 over its limit");

        List<ActiveAlert> listed = state.activeAlerts(district(), Optional.empty());
        assertThat(Json.mapper().valueToTree(listed.get(0)).path("texts")).isEqualTo(texts);
        assertThat(state.activeAlerts(district(), Optional.empty()).get(0).texts())
                .as("rendered once, not per listing").isSameAs(listed.get(0).texts());
    }

    @Test
    void aLiveAlertWithoutFactsHasNoTexts_onlyTheDetectorsSummary() {
        Device station = chargersOfTwoCompounds().get(0);
        state.alert(portAlert(station, 1, Severity.RED, AlertStatus.RAISED, 1, t0, t0));

        assertThat(json(events.get(0)).has("texts")).isFalse();
        assertThat(json(events.get(0)).path("summary").asText()).isEqualTo("port 1 over its limit");
    }

    @Test
    void aStationSilentLongerThanStaleAfterIsOfflineAndTheSweepPublishesItOnce() {
        Device station = chargersOfTwoCompounds().get(0);
        state.chargerTelemetry(charger(station, t0, 199.3, 38.5));
        ChargerLive live = state.charger(station.id()).orElseThrow();
        assertThat(live.online()).isTrue();
        assertThat(live.totalPowerW()).isEqualTo(199.3);
        assertThat(live.ports()).hasSize(station.charger().ports());
        assertThat(live.ports().get(0)).isEqualTo(
                new ChargerLive.Port(1, "charging", 199.3, 38.5, station.charger().portLimitW()));

        clock.advance(STALE_AFTER.minusSeconds(1));
        state.sweepStale();
        assertThat(state.charger(station.id()).orElseThrow().online()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        events.clear();
        state.sweepStale();
        state.sweepStale();

        assertThat(state.charger(station.id()).orElseThrow().online()).isFalse();
        assertThat(events).hasSize(1);
        assertThat(Json.mapper().convertValue(json(events.get(0)).path("online"), Boolean.class)).isFalse();
    }

    @Test
    void anOfflineStatusTurnsAStationOfflineUntilItIsHeardAgain() {
        Device station = chargersOfTwoCompounds().get(0);
        state.chargerTelemetry(charger(station, t0, 100, 30));
        state.status(status(station, t0 + 1_000, "offline"));
        assertThat(state.charger(station.id()).orElseThrow().online()).isFalse();

        state.chargerTelemetry(charger(station, t0 + 30_000, 100, 30));
        assertThat(state.charger(station.id()).orElseThrow().online()).isTrue();
    }

    @Test
    void aStationNeverHeardIsOfflineWithItsRegisteredPortsUnknown() {
        Device station = chargersOfTwoCompounds().get(1);
        ChargerLive live = state.charger(station.id()).orElseThrow();
        assertThat(live.online()).isFalse();
        assertThat(live.updatedAt()).isNull();
        assertThat(live.ports()).hasSize(station.charger().ports()).allMatch(p -> p.state().equals("unknown"));
    }

    @Test
    void aPropertyManagerSeesTheChargersAndAlertsOfTheirCompoundOnly() {
        List<Device> two = chargersOfTwoCompounds();
        Device a = two.get(0);
        Device b = two.get(1);
        ScopeView managerOfA = scope(viewer("pm-a", Viewer.PROPERTY_MANAGER, a.location().compoundId()));
        state.alert(portAlert(a, 1, Severity.RED, AlertStatus.RAISED, 1, t0, t0));
        state.alert(portAlert(b, 1, Severity.RED, AlertStatus.RAISED, 1, t0, t0));

        assertThat(state.chargers(managerOfA, null)).extracting(ChargerLive::compoundId)
                .containsOnly(a.location().compoundId()).isNotEmpty();
        assertThat(state.chargers(managerOfA, b.location().compoundId())).isEmpty();
        assertThat(state.activeAlerts(managerOfA, AlertKind.fromWire("charger")))
                .extracting(ActiveAlert::deviceId).containsExactly(a.id());
        assertThat(state.activeAlerts(managerOfA, AlertKind.fromWire("crowd"))).isEmpty();
        assertThat(state.zones(managerOfA)).isEmpty();
    }

    @Test
    void snapshotReferencesPointIntoTheBlobStoreAndMalformedOnesAreRefused() {
        Device station = chargersOfTwoCompounds().get(0);
        String sha = "9f" + "ab" + "0".repeat(60);
        assertThat(state.snapshot(envelope(station, io.anju.common.model.Channel.SNAPSHOT, t0, t0,
                Json.mapper().createObjectNode().put("snapshotId", "c3-000310").put("sha256", sha)))).isTrue();
        assertThat(state.snapshot(envelope(station, io.anju.common.model.Channel.SNAPSHOT, t0, t0,
                Json.mapper().createObjectNode().put("snapshotId", "x").put("sha256", "../../etc/passwd")))).isFalse();

        assertThat(state.snapshotFile(station.id(), "c3-000310"))
                .contains(blobs.resolve("charger").resolve(station.id()).resolve("9f").resolve(sha + ".jpg"));
        assertThat(state.snapshotFile(station.id(), "x")).isEmpty();
    }

    private static JsonNode json(LiveEvent e) {
        try {
            return Json.tree(e.data().getBytes());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
