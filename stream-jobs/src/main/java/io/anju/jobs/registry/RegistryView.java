package io.anju.jobs.registry;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ZoneInfo;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The part of the registry the detectors need: charger limits, crowd zone figures and camera views. {@code version}
 * is a digest of the registry file, so an unchanged file is not loaded again.
 */
public final class RegistryView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String version;
    private final HashMap<String, ChargerLimits> chargers;
    private final HashMap<String, ZoneInfo> zones;
    private final HashMap<String, CameraView> cameras;
    /** Registered, enabled devices: the others are not expected to report. */
    private final HashSet<String> inService;

    public RegistryView(String version, Map<String, ChargerLimits> chargers, Map<String, ZoneInfo> zones,
                        Map<String, CameraView> cameras, Set<String> inService) {
        this.version = version;
        this.inService = new HashSet<>(inService);
        this.chargers = new HashMap<>(chargers);
        this.zones = new HashMap<>(zones);
        this.cameras = new HashMap<>(cameras);
    }

    public static RegistryView of(Registry registry, String version) {
        Map<String, ChargerLimits> chargers = new HashMap<>();
        Map<String, CameraView> cameras = new HashMap<>();
        Set<String> inService = new HashSet<>();
        for (Device d : registry.devices()) {
            if (d.enabled()) {
                inService.add(d.id());
            }
            if (d.type() == DeviceType.CHARGER) {
                chargers.put(d.id(), ChargerLimits.of(d.charger()));
            } else if (d.type() == DeviceType.CAMERA && d.camera() != null) {
                cameras.put(d.id(), new CameraView(d.camera().watches(), d.camera().building()));
            }
        }
        Map<String, ZoneInfo> zones = new HashMap<>();
        registry.zones().forEach(z -> zones.put(z.id(),
                new ZoneInfo(z.id(), z.name(), z.areaM2(), z.capacity(), z.entrance())));
        return new RegistryView(version, chargers, zones, cameras, inService);
    }

    public String version() {
        return version;
    }

    public ChargerLimits charger(String deviceId) {
        return chargers.get(deviceId);
    }

    public ZoneInfo zone(String zoneId) {
        return zoneId == null ? null : zones.get(zoneId);
    }

    public CameraView camera(String deviceId) {
        return cameras.get(deviceId);
    }

    /** Whether the device is registered and enabled: a disabled or removed one is not expected to report. */
    public boolean inService(String deviceId) {
        return inService.contains(deviceId);
    }

    public int size() {
        return chargers.size() + zones.size() + cameras.size();
    }
}
