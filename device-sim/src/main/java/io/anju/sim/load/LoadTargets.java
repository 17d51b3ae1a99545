package io.anju.sim.load;

import io.anju.common.auth.Credentials;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;

import java.util.List;

/**
 * Picks the devices a load run plays from the credentials file: of the payload's type when publishing (the
 * gateway checks that a charger publishes charger telemetry; snapshots are cameras'), of any type when idle; only enabled registry
 * devices when a registry is given.
 */
public final class LoadTargets {
    private LoadTargets() {
    }

    public static List<LoadTarget> pick(List<Credentials.Entry> entries, Registry registry, LoadSettings s) {
        List<LoadTarget> targets = entries.stream()
                .filter(e -> DeviceType.fromWire(e.type()).isPresent())
                .filter(e -> s.idle() || e.type().equals(s.deviceType().wireName()))
                .filter(e -> registry == null || registry.device(e.deviceId()).map(Device::enabled).orElse(false))
                .limit(s.connections())
                .map(e -> new LoadTarget(e.deviceId(), DeviceType.fromWire(e.type()).orElseThrow(), e.secret()))
                .toList();
        if (targets.size() < s.connections()) {
            throw new IllegalArgumentException("--connections " + s.connections() + " needs as many "
                    + (s.idle() ? "" : s.deviceType().wireName() + " ") + "devices in --credentials, found " + targets.size());
        }
        return targets;
    }
}
