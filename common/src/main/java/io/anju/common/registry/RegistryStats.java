package io.anju.common.registry;

import io.anju.common.model.Compound;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Counts of each level and device type: what {@code registry generate} and {@code registry stats} print. */
public record RegistryStats(int subDistricts, int communities, int grids, int compounds, int chargerCompounds,
                            int securityCompounds, int zones, int chargerPorts, Map<DeviceType, Integer> devices) {

    public static RegistryStats of(RegistryDocument doc) {
        Map<DeviceType, Integer> byType = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            byType.put(t, 0);
        }
        int ports = 0;
        for (Device d : nonNull(doc.devices())) {
            if (d.type() != null) {
                byType.merge(d.type(), 1, Integer::sum);
            }
            if (d.charger() != null) {
                ports += d.charger().ports();
            }
        }
        List<Compound> compounds = nonNull(doc.compounds());
        return new RegistryStats(nonNull(doc.subDistricts()).size(), nonNull(doc.communities()).size(),
                nonNull(doc.grids()).size(), compounds.size(),
                (int) compounds.stream().filter(Compound::chargers).count(),
                (int) compounds.stream().filter(Compound::security).count(),
                nonNull(doc.zones()).size(), ports, Map.copyOf(byType));
    }

    public int totalDevices() {
        return devices.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Human-readable summary, one figure per line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        line(sb, "sub-districts", subDistricts);
        line(sb, "communities", communities);
        line(sb, "grids", grids);
        line(sb, "compounds", compounds);
        line(sb, "  with chargers", chargerCompounds);
        line(sb, "  smart-security", securityCompounds);
        line(sb, "crowd zones", zones);
        line(sb, "devices", totalDevices());
        for (DeviceType t : DeviceType.values()) {
            line(sb, "  " + t.wireName(), devices.getOrDefault(t, 0));
        }
        line(sb, "charger ports", chargerPorts);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, int value) {
        sb.append(String.format(Locale.ROOT, "%-18s %6d", label, value)).append('\n');
    }

    private static <T> List<T> nonNull(List<T> items) {
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
    }
}
