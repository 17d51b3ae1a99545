package io.anju.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a device stands in the grid-governance hierarchy: sub-district → community → grid → place.
 * The place is a compound (chargers, gates, cameras) or a crowd zone of Beiyuanmen street
 * (crowd counters); the other of the two is null. Routing of alerts and cases follows this chain.
 * The absent one of compound and zone is left out of JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocationChain(String subDistrictId, String communityId, String gridId, String compoundId, String zoneId) {
}
