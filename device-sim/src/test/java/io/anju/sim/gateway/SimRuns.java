package io.anju.sim.gateway;

import io.anju.common.model.DistrictTime;
import io.anju.common.model.Device;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Run settings for playing a chosen set of registry devices against the gateway under test. */
final class SimRuns {
    static final long MINUTE = 60_000;
    /** 2026-11-28 18:00 in Xi'an: the evening charging peak is coming. */
    static final long EVENING = LocalDateTime.of(2026, 11, 28, 18, 0).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();

    private SimRuns() {
    }

    static DeviceFilter only(List<Device> devices) {
        Set<String> ids = new LinkedHashSet<>();
        devices.forEach(d -> ids.add(d.id()));
        return new DeviceFilter(Set.of(), ids, null, null, Integer.MAX_VALUE);
    }

    static LinkSettings link(GatewayUnderTest gateway, boolean tokenAuth) {
        return new LinkSettings(gateway.mqttUri(), null, tokenAuth, 60, System::currentTimeMillis);
    }

    /**
     * Evening scenario from {@link #EVENING}, mixed MQTT 3.1.1 / 5.
     *
     * @param faults {@code none} or the path of a fault-plan file
     */
    static RunSettings evening(List<Device> devices, double speed, String faults, Path groundTruth, LinkSettings link) {
        return new RunSettings(only(devices), Scenario.EVENING, 7, speed, EVENING, faults, groundTruth, null,
                4 * 60 * MINUTE, MqttVersionChoice.MIXED, link);
    }
}
