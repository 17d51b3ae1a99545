package io.anju.cases.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.LocationChain;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;

/**
 * The names of the places a device is at, as the registry in use names them, for people who read the device's
 * record (a vendor has no view of the district's places to look ids up in). Grids have no names, only ids.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaceNames(String subDistrict, String community, String compound, String zone) {

    static PlaceNames of(LocationChain at, Registry registry) {
        if (at == null) {
            return null;
        }
        return new PlaceNames(
                at.subDistrictId() == null ? null : registry.subDistrict(at.subDistrictId()).map(SubDistrict::name)
                        .orElse(null),
                at.communityId() == null ? null : registry.community(at.communityId()).map(Community::name).orElse(null),
                at.compoundId() == null ? null : registry.compound(at.compoundId()).map(Compound::name).orElse(null),
                at.zoneId() == null ? null : registry.zone(at.zoneId()).map(CrowdZone::name).orElse(null));
    }
}
