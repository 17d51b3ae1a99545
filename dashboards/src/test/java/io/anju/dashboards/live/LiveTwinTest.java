package io.anju.dashboards.live;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.twin.DeviceTwin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.anju.dashboards.live.LiveFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The last known state ({@code anju.twin}) read at start, against what the live topics bring. */
class LiveTwinTest {

    @TempDir
    Path blobs;
    HandClock clock;
    LiveState state;
    long now;

    @BeforeEach
    void setUp() {
        clock = new HandClock(START);
        now = clock.millis();
        state = liveState(blobs, clock);
    }

    @Test
    void aRecentTwinShowsTheStationOnlineWithItsPortsAtItsOriginalTime() {
        Device station = chargersOfTwoCompounds().get(0);
        state.twin(LiveTwins.charger(station, now - 20_000, "charging", 640.0));

        ChargerLive c = state.charger(station.id()).orElseThrow();
        assertThat(c.online()).isTrue();
        assertThat(c.updatedAt()).isEqualTo(Instant.ofEpochMilli(now - 20_000).toString());
        assertThat(c.ports().get(0).state()).isEqualTo("charging");
        assertThat(c.ports().get(0).powerW()).isEqualTo(640.0);
        assertThat(c.ports().get(1).state()).isEqualTo("idle");
        assertThat(c.totalPowerW()).isEqualTo(640.0);
        assertThat(c.leakageMa()).isEqualTo(3.1);
    }

    @Test
    void anOldTwinShowsItsPortsButOfflineSinceItsTime_notFresh() {
        Device station = chargersOfTwoCompounds().get(0);
        long hourAgo = now - Duration.ofHours(1).toMillis();
        state.twin(LiveTwins.charger(station, hourAgo, "charging", 640.0));

        ChargerLive c = state.charger(station.id()).orElseThrow();
        assertThat(c.online()).isFalse();
        assertThat(c.updatedAt()).isEqualTo(Instant.ofEpochMilli(hourAgo).toString());
        assertThat(c.ports().get(0).state()).isEqualTo("charging");
    }

    @Test
    void aTwinWhoseConnectionEndedAfterItsLastMessageShowsOffline() {
        Device station = chargersOfTwoCompounds().get(0);
        DeviceTwin t = LiveTwins.charger(station, now - 20_000, "idle", 0.0);
        state.twin(new DeviceTwin(t.deviceId(), t.type(), t.updatedAt(), t.lastSeenAt(),
                new DeviceTwin.Connection("disconnected", now - 10_000, "gw-1", "5", "keep_alive_timeout"),
                t.status(), t.telemetry(), t.ports(), null, null));

        assertThat(state.charger(station.id()).orElseThrow().online()).isFalse();
    }

    @Test
    void liveReadingsWinOverTheTwin_inEitherOrder() {
        Device station = chargersOfTwoCompounds().get(0);
        state.chargerTelemetry(charger(station, now - 1_000, 199.3, 38.5));
        state.twin(LiveTwins.charger(station, now - 60_000, "fault", 0.0));
        ChargerLive c = state.charger(station.id()).orElseThrow();
        assertThat(c.ports().get(0).powerW()).as("the older twin read after the live reading").isEqualTo(199.3);
        assertThat(c.updatedAt()).isEqualTo(Instant.ofEpochMilli(now).toString());

        Device other = chargersOfTwoCompounds().get(1);
        state.twin(LiveTwins.charger(other, now - 60_000, "fault", 0.0));
        state.chargerTelemetry(charger(other, now - 1_000, 321.0, 30));
        assertThat(state.charger(other.id()).orElseThrow().ports().get(0).powerW()).isEqualTo(321.0);
        state.status(status(other, now - 500, "offline"));
        state.twin(LiveTwins.charger(other, now - 60_000, "fault", 0.0));
        assertThat(state.charger(other.id()).orElseThrow().online()).as("the Will read live stays").isFalse();
    }

    @Test
    void aCrowdCountersTwinIsItsZonesLastReading_staleWhenOld() {
        Device counter = crowdCounter(0);
        CrowdZone zone = zoneOf(counter);
        state.twin(LiveTwins.crowd(counter, now - 10_000, 57));
        ZoneLive z = state.zone(zone.id()).orElseThrow();
        assertThat(z.occupancy()).isEqualTo(57);
        assertThat(z.stale()).isFalse();
        assertThat(z.updatedAt()).isEqualTo(Instant.ofEpochMilli(now - 10_000).toString());

        state.crowdTelemetry(crowd(counter, now - 10_000, 58, 1, 0));
        assertThat(state.zone(zone.id()).orElseThrow().occupancy()).as("live, same device time").isEqualTo(58);
        state.twin(LiveTwins.crowd(counter, now - 10_000, 57));
        assertThat(state.zone(zone.id()).orElseThrow().occupancy()).isEqualTo(58);

        Device old = crowdCounter(1);
        state.twin(LiveTwins.crowd(old, now - 120_000, 9));
        ZoneLive stale = state.zone(zoneOf(old).id()).orElseThrow();
        assertThat(stale.occupancy()).isEqualTo(9);
        assertThat(stale.stale()).isTrue();
    }

    @Test
    void theTwinOfADeviceTheRegistryDoesNotHoldIsNotKept() {
        Device station = chargersOfTwoCompounds().get(0);
        DeviceTwin t = LiveTwins.charger(station, now - 1_000, "charging", 640.0);
        state.twin(new DeviceTwin("chg-gone-1", DeviceType.CHARGER, t.updatedAt(), t.lastSeenAt(), null, t.status(),
                t.telemetry(), t.ports(), null, null));
        state.twin(new DeviceTwin(station.id(), DeviceType.CROWD, t.updatedAt(), t.lastSeenAt(), null, t.status(),
                t.telemetry(), List.of(), null, null));

        assertThat(state.charger("chg-gone-1")).isEmpty();
        assertThat(state.charger(station.id()).orElseThrow().online()).as("a twin of another type").isFalse();
    }
}
