package io.anju.cases.routing;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.Level;
import io.anju.cases.model.NewCase;
import io.anju.common.alert.Alert;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes a new case by the registry's location chain: the place (compound or zone) gives the grid, the grid its
 * community, the community its sub-district. The grid owns a new case; when the registry knows no grid for it the case
 * goes to the nearest known level above (community, sub-district, else the district centre). Ids the registry does
 * not know are kept in the chain as the alert gave them, but never own a case. The category follows the alert type and,
 * where the table narrows it by {@code deviceTypes}, the registered type of the alerting device.
 */
public final class GridRouter {

    /** The district this deployment serves. */
    public static final String DEFAULT_DISTRICT_ID = "lianhu";

    private final Supplier<Registry> registry;
    private final CategoryTable categories;
    private final String districtId;

    public GridRouter(Registry registry, CategoryTable categories, String districtId) {
        this(() -> registry, categories, districtId);
    }

    /** Routes with whatever registry {@code registry} holds at the time: a live one follows devices moved since start. */
    public GridRouter(Supplier<Registry> registry, CategoryTable categories, String districtId) {
        this.registry = registry;
        this.categories = categories;
        this.districtId = districtId == null || districtId.isBlank() ? DEFAULT_DISTRICT_ID : districtId;
    }

    /** The registry the router reads places from now (their names, for the texts people read). */
    public Registry registry() {
        return registry.get();
    }

    public CategoryTable categories() {
        return categories;
    }

    public String districtId() {
        return districtId;
    }

    public Routing route(Alert alert) {
        LocationChain given = alert.location() == null ? new LocationChain(null, null, null, null, null) : alert.location();
        Optional<Device> device = deviceOf(alert);
        LocationChain ofDevice = device.map(Device::location).orElse(null);
        String compoundId = first(given.compoundId(), alert.sourceKind() == SourceKind.COMPOUND ? alert.sourceId() : null,
                ofDevice == null ? null : ofDevice.compoundId());
        String zoneId = first(given.zoneId(), alert.sourceKind() == SourceKind.ZONE ? alert.sourceId() : null,
                ofDevice == null ? null : ofDevice.zoneId());
        LocationChain chain = complete(compoundId, zoneId, first(given.gridId(), ofDevice == null ? null : ofDevice.gridId()),
                first(given.communityId(), ofDevice == null ? null : ofDevice.communityId()),
                first(given.subDistrictId(), ofDevice == null ? null : ofDevice.subDistrictId()));
        return owned(chain, categories.forAlert(alert.type(), device.map(Device::type).orElse(null)));
    }

    /** Routes a case reported by hand; unknown ids and categories are refused as INVALID. */
    public Routing route(NewCase c) {
        Category category = categories.byCode(c.categoryCode())
                .orElseThrow(() -> CaseException.invalid("unknown category '" + c.categoryCode() + "'"));
        if (c.compoundId() != null && registry.get().compound(c.compoundId()).isEmpty()) {
            throw CaseException.invalid("unknown compound '" + c.compoundId() + "'");
        }
        if (c.zoneId() != null && registry.get().zone(c.zoneId()).isEmpty()) {
            throw CaseException.invalid("unknown zone '" + c.zoneId() + "'");
        }
        if (c.gridId() != null && registry.get().grid(c.gridId()).isEmpty()) {
            throw CaseException.invalid("unknown grid '" + c.gridId() + "'");
        }
        if (c.compoundId() == null && c.zoneId() == null && c.gridId() == null) {
            throw CaseException.invalid("a reported case needs gridId, compoundId or zoneId");
        }
        return owned(complete(c.compoundId(), c.zoneId(), c.gridId(), null, null), category);
    }

    private Optional<Device> deviceOf(Alert alert) {
        String id = alert.deviceId();
        if (id == null && alert.sourceKind() == SourceKind.DEVICE) {
            id = alert.sourceId();
        }
        if (id == null && alert.sourceKind() == SourceKind.PORT && alert.sourceId() != null) {
            int hash = alert.sourceId().indexOf('#');
            id = hash > 0 ? alert.sourceId().substring(0, hash) : alert.sourceId();
        }
        return id == null ? Optional.empty() : registry.get().device(id);
    }

    /** The registry's chain above the place wins; ids the registry does not know are kept as given. */
    private LocationChain complete(String compoundId, String zoneId, String gridId, String communityId,
                                   String subDistrictId) {
        String grid = first(compoundId == null ? null : registry.get().compound(compoundId).map(Compound::gridId).orElse(null),
                zoneId == null ? null : registry.get().zone(zoneId).map(CrowdZone::gridId).orElse(null), gridId);
        String community = first(grid == null ? null : registry.get().grid(grid).map(Grid::communityId).orElse(null),
                communityId);
        String subDistrict = first(community == null ? null
                : registry.get().community(community).map(Community::subDistrictId).orElse(null), subDistrictId);
        return new LocationChain(subDistrict, community, grid, compoundId, zoneId);
    }

    /** The owner is the lowest level whose unit the registry knows: an id it does not know cannot be worked. */
    private Routing owned(LocationChain chain, Category category) {
        Level level;
        String unit;
        if (chain.gridId() != null && registry.get().grid(chain.gridId()).isPresent()) {
            level = Level.GRID;
            unit = chain.gridId();
        } else if (chain.communityId() != null && registry.get().community(chain.communityId()).isPresent()) {
            level = Level.COMMUNITY;
            unit = chain.communityId();
        } else if (chain.subDistrictId() != null && registry.get().subDistrict(chain.subDistrictId()).isPresent()) {
            level = Level.SUB_DISTRICT;
            unit = chain.subDistrictId();
        } else {
            level = Level.DISTRICT;
            unit = districtId;
        }
        return new Routing(chain, category, category.department(), level, unit);
    }

    /**
     * The unit that owns a case at {@code level}, from its chain. When the chain lacks that unit, the nearest known
     * unit above it stands in (at worst the district centre), so an escalated case always has an owner.
     */
    public String unitAt(Level level, LocationChain chain) {
        return switch (level) {
            case GRID -> first(chain.gridId(), chain.communityId(), chain.subDistrictId(), districtId);
            case COMMUNITY -> first(chain.communityId(), chain.subDistrictId(), districtId);
            case SUB_DISTRICT -> first(chain.subDistrictId(), districtId);
            case DISTRICT -> districtId;
        };
    }

    private static String first(String... ids) {
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return null;
    }
}
