package io.anju.cases.people;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.Grid;
import io.anju.common.registry.Registry;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may manage contacts and rotas: the command-centre operators. A district operator manages every unit; a
 * sub-district or community operator the units at and below their own (its communities, grids and compounds).
 * Departments and the district centre keep their rotas at the district. Unit ids are checked against the registry.
 */
public final class RotaAccess {
    private static final Set<Role> CENTRES = Set.of(Role.DISTRICT_OPERATOR, Role.SUB_DISTRICT_OPERATOR,
            Role.COMMUNITY_OPERATOR);

    private final Supplier<Registry> registry;
    private final String districtId;

    /** @param registry the registry in use now (the live one): a unit added by a new revision is known at once */
    public RotaAccess(Supplier<Registry> registry, String districtId) {
        this.registry = registry;
        this.districtId = districtId;
    }

    /** Contacts are a directory of the command centres. */
    public void checkCentre(Principal who) {
        if (!CENTRES.contains(who.role())) {
            throw CaseException.forbidden("only command-centre operators manage contacts and rotas (you are "
                    + who.role().wireName() + ")");
        }
    }

    /** Refuses a unit the registry does not know (400) or one outside the operator's scope (403). */
    public void checkUnit(Principal who, UnitRef unit) {
        checkCentre(who);
        Registry registry = this.registry.get();
        String subDistrict;
        String community = null;
        switch (unit.kind()) {
            case DISTRICT -> {
                known(unit.id().equals(districtId), unit);
                subDistrict = null;
            }
            case DEPARTMENT -> subDistrict = null;
            case SUB_DISTRICT -> {
                known(registry.subDistrict(unit.id()).isPresent(), unit);
                subDistrict = unit.id();
            }
            case COMMUNITY -> {
                community = unit.id();
                subDistrict = subDistrictOf(registry, community, unit);
            }
            case GRID -> {
                community = communityOfGrid(registry, unit.id(), unit);
                subDistrict = subDistrictOf(registry, community, unit);
            }
            case COMPOUND -> {
                Compound c = registry.compound(unit.id()).orElse(null);
                known(c != null, unit);
                community = communityOfGrid(registry, c.gridId(), unit);
                subDistrict = subDistrictOf(registry, community, unit);
            }
            default -> throw new IllegalStateException("unit kind " + unit.kind());
        }
        boolean allowed = switch (who.role()) {
            case DISTRICT_OPERATOR -> true;
            case SUB_DISTRICT_OPERATOR -> subDistrict != null && who.inScope(subDistrict);
            default -> community != null && who.inScope(community);
        };
        if (!allowed) {
            throw CaseException.forbidden("the rota of " + unit + " is outside your scope "
                    + who.scope().stream().sorted().toList()
                    + (subDistrict == null ? " (district and department rotas are kept by the district centre)" : ""));
        }
    }

    private static String communityOfGrid(Registry registry, String gridId, UnitRef unit) {
        Optional<Grid> g = registry.grid(gridId);
        known(g.isPresent(), unit);
        return g.get().communityId();
    }

    private static String subDistrictOf(Registry registry, String communityId, UnitRef unit) {
        Optional<Community> c = registry.community(communityId);
        known(c.isPresent(), unit);
        return c.get().subDistrictId();
    }

    private static void known(boolean present, UnitRef unit) {
        if (!present) {
            throw CaseException.invalid("unknown " + unit.kind().wireName() + " '" + unit.id()
                    + "': the registry has no such unit");
        }
    }
}
