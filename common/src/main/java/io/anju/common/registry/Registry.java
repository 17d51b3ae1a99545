package io.anju.common.registry;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Read-only, indexed view of a {@link RegistryDocument}: the single source of truth for places and devices.
 * The gateway authenticates against it, the stream jobs enrich with it, the case system routes with it.
 */
public final class Registry {
    private final RegistryDocument document;
    private final Map<String, SubDistrict> subDistricts;
    private final Map<String, Community> communities;
    private final Map<String, Grid> grids;
    private final Map<String, Compound> compounds;
    private final Map<String, CrowdZone> zones;
    private final Map<String, Device> devices;

    public Registry(RegistryDocument document) {
        this.document = document;
        this.subDistricts = index(document.subDistricts(), SubDistrict::id);
        this.communities = index(document.communities(), Community::id);
        this.grids = index(document.grids(), Grid::id);
        this.compounds = index(document.compounds(), Compound::id);
        this.zones = index(document.zones(), CrowdZone::id);
        this.devices = index(document.devices(), Device::id);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public RegistryDocument document() {
        return document;
    }

    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public Collection<Device> devices() {
        return devices.values();
    }

    public List<Device> devicesOfType(DeviceType type) {
        return devices.values().stream().filter(d -> d.type() == type).toList();
    }

    public Optional<SubDistrict> subDistrict(String id) {
        return Optional.ofNullable(subDistricts.get(id));
    }

    public Optional<Community> community(String id) {
        return Optional.ofNullable(communities.get(id));
    }

    public Optional<Grid> grid(String id) {
        return Optional.ofNullable(grids.get(id));
    }

    public Optional<Compound> compound(String id) {
        return Optional.ofNullable(compounds.get(id));
    }

    public Optional<CrowdZone> zone(String id) {
        return Optional.ofNullable(zones.get(id));
    }

    public Collection<SubDistrict> subDistricts() {
        return subDistricts.values();
    }

    public Collection<Community> communities() {
        return communities.values();
    }

    public Collection<Grid> grids() {
        return grids.values();
    }

    public Collection<Compound> compounds() {
        return compounds.values();
    }

    public Collection<CrowdZone> zones() {
        return zones.values();
    }
}
