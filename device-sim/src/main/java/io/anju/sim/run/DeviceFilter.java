package io.anju.sim.run;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --devices}: which registry devices to play. Either {@code key=value} pairs ({@code type=charger},
 * {@code limit=200}, {@code compound=ID}, {@code zone=ID}; {@code type} may repeat) or a comma-separated list of
 * device ids. Empty or {@code all}: every enabled device.
 */
public record DeviceFilter(Set<DeviceType> types, Set<String> ids, String compoundId, String zoneId, int limit) {

    public static DeviceFilter all() {
        return new DeviceFilter(Set.of(), Set.of(), null, null, Integer.MAX_VALUE);
    }

    public static DeviceFilter parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equals("all")) {
            return all();
        }
        Set<DeviceType> types = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        String compound = null;
        String zone = null;
        int limit = Integer.MAX_VALUE;
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                ids.add(p);
                continue;
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "type" -> types.add(DeviceType.fromWire(value).orElseThrow(() -> new IllegalArgumentException(
                        "--devices: unknown type '" + value + "' (charger, gate, crowd, camera)")));
                case "limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--devices: limit must be a number, was '" + value + "'");
                    }
                    if (limit < 1) {
                        throw new IllegalArgumentException("--devices: limit must be >= 1");
                    }
                }
                case "compound" -> compound = value;
                case "zone" -> zone = value;
                default -> throw new IllegalArgumentException("--devices: unknown key '" + key
                        + "' (type, limit, compound, zone, or a list of device ids)");
            }
        }
        return new DeviceFilter(types, ids, compound, zone, limit);
    }

    public List<Device> select(Collection<Device> devices) {
        return devices.stream()
                .filter(Device::enabled)
                .filter(d -> types.isEmpty() || types.contains(d.type()))
                .filter(d -> ids.isEmpty() || ids.contains(d.id()))
                .filter(d -> compoundId == null || d.location() != null && compoundId.equals(d.location().compoundId()))
                .filter(d -> zoneId == null || d.location() != null && zoneId.equals(d.location().zoneId()))
                .limit(limit)
                .toList();
    }
}
