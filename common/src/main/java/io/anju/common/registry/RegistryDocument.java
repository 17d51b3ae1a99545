package io.anju.common.registry;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;

import java.util.List;

/** The registry file as written on disk ({@code registry.json}): places first, devices last. */
public record RegistryDocument(
        int version,
        long seed,
        String note,
        List<SubDistrict> subDistricts,
        List<Community> communities,
        List<Grid> grids,
        List<Compound> compounds,
        List<CrowdZone> zones,
        List<Device> devices) {

    public static final int CURRENT_VERSION = 1;
}
