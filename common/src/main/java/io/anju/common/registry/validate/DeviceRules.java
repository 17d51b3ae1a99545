package io.anju.common.registry.validate;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Per-device checks: id usable as an MQTT client id and topic segment, a stored hash, place and type attributes. */
final class DeviceRules {
    /** 1–23 characters (what every MQTT 3.1.1 server must accept) without topic separators or wildcards. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,23}");
    private static final String HASH_PREFIX = "sha256$";

    private final LocationRules location;
    private final SpecRules specs;
    private final Problems problems;

    DeviceRules(Places places, Problems problems) {
        this.location = new LocationRules(places, problems);
        this.specs = new SpecRules(problems);
        this.problems = problems;
    }

    void check(String path, Device device) {
        if (device == null) {
            return;
        }
        if (device.id() != null && !DEVICE_ID.matcher(device.id()).matches()) {
            problems.add(path + ".id", "'" + device.id() + "' is not a valid device id (1-23 of A-Z a-z 0-9 _ . -)");
        }
        if (device.secretHash() == null || !device.secretHash().startsWith(HASH_PREFIX)) {
            problems.add(path + ".secretHash", "missing or not a salted hash (sha256$salt$hash)");
        }
        if (device.type() == null) {
            problems.add(path + ".type", "missing");
        }
        if (device.previousSecret() != null && (device.previousSecret().secretHash() == null
                || !device.previousSecret().secretHash().startsWith(HASH_PREFIX))) {
            problems.add(path + ".previousSecret.secretHash", "missing or not a salted hash (sha256$salt$hash)");
        }
        if (device.installation() != null && device.installation().installedOn() != null
                && !isIsoDate(device.installation().installedOn())) {
            problems.add(path + ".installation.installedOn",
                    "'" + device.installation().installedOn() + "' is not an ISO date (2026-03-01)");
        }
        location.check(path + ".location", device);
        if (device.type() != null) {
            specs.check(path, device);
        }
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** What place a device of this type stands in: crowd counters in a zone, everything else in a compound. */
    static boolean standsInZone(DeviceType type) {
        return type == DeviceType.CROWD;
    }
}
