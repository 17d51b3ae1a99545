package io.anju.common.registry.validate;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;

/** The indexed places of a registry under validation. */
record Places(IdIndex<SubDistrict> subDistricts, IdIndex<Community> communities, IdIndex<Grid> grids,
              IdIndex<Compound> compounds, IdIndex<CrowdZone> zones) {
}
