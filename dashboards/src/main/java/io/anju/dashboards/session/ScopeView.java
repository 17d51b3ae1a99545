package io.anju.dashboards.session;

import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.registry.Registry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which places and devices a {@link Viewer} may see on the dashboards, and on which chargers they may act. The same
 * shape as the case system's scope rules: operators see their unit and below, a grid worker their grid, a property
 * manager their compounds (chargers only), an emergency manager the crowd zones of their sub-district; department
 * responders see places only through the cases dispatched to them. Places are looked up in the registry in use at
 * each question, so a live stream's scope follows the registry's revisions.
 */
public final class ScopeView {
    private final Supplier<Registry> registry;
    private final Viewer viewer;

    public ScopeView(Supplier<Registry> registry, Viewer viewer) {
        this.registry = registry;
        this.viewer = viewer;
    }

    public Viewer viewer() {
        return viewer;
    }

    public boolean seesZone(String zoneId) {
        Optional<CrowdZone> zone = registry.get().zone(zoneId);
        if (zone.isEmpty()) {
            return false;
        }
        Chain chain = chainOfGrid(zone.get().gridId());
        return switch (viewer.role()) {
            case Viewer.DISTRICT_OPERATOR -> true;
            case Viewer.SUB_DISTRICT_OPERATOR, Viewer.EMERGENCY_MANAGER -> in(chain.subDistrictId());
            case Viewer.COMMUNITY_OPERATOR -> in(chain.communityId());
            case Viewer.GRID_WORKER -> in(chain.gridId());
            default -> false;
        };
    }

    public boolean seesCompound(String compoundId) {
        Optional<Compound> compound = registry.get().compound(compoundId);
        if (compound.isEmpty()) {
            return false;
        }
        Chain chain = chainOfGrid(compound.get().gridId());
        return switch (viewer.role()) {
            case Viewer.DISTRICT_OPERATOR -> true;
            case Viewer.SUB_DISTRICT_OPERATOR -> in(chain.subDistrictId());
            case Viewer.COMMUNITY_OPERATOR -> in(chain.communityId());
            case Viewer.GRID_WORKER -> in(chain.gridId());
            case Viewer.PROPERTY_MANAGER -> in(compoundId);
            default -> false;
        };
    }

    /**
     * Whether the grid is inside the viewer's unit (operators, emergency managers, grid workers) or holds one of
     * a property manager's compounds: the grids, communities and sub-districts the dashboards list and label.
     */
    public boolean seesGrid(String gridId) {
        if (registry.get().grid(gridId).isEmpty()) {
            return false;
        }
        Chain chain = chainOfGrid(gridId);
        return switch (viewer.role()) {
            case Viewer.DISTRICT_OPERATOR -> true;
            case Viewer.SUB_DISTRICT_OPERATOR, Viewer.EMERGENCY_MANAGER -> in(chain.subDistrictId());
            case Viewer.COMMUNITY_OPERATOR -> in(chain.communityId());
            case Viewer.GRID_WORKER -> in(chain.gridId());
            case Viewer.PROPERTY_MANAGER -> registry.get().compounds().stream()
                    .anyMatch(c -> gridId.equals(c.gridId()) && in(c.id()));
            default -> false;
        };
    }

    public boolean seesDevice(String deviceId) {
        Optional<Device> device = registry.get().device(deviceId);
        if (device.isEmpty()) {
            return false;
        }
        var at = device.get().location();
        return at.zoneId() != null ? seesZone(at.zoneId()) : at.compoundId() != null && seesCompound(at.compoundId());
    }

    /** Remote commands (stop a port): the compound's property manager, its grid worker and operators above it. */
    public boolean canCommand(String deviceId) {
        boolean actor = viewer.isOperator() || viewer.role().equals(Viewer.GRID_WORKER)
                || viewer.role().equals(Viewer.PROPERTY_MANAGER);
        return actor && seesDevice(deviceId);
    }

    private boolean in(String unitId) {
        return unitId != null && (viewer.scope().contains(unitId) || viewer.scope().contains("*"));
    }

    private Chain chainOfGrid(String gridId) {
        Registry now = registry.get();
        Optional<Grid> grid = now.grid(gridId);
        String community = grid.map(Grid::communityId).orElse(null);
        String subDistrict = community == null ? null
                : now.community(community).map(c -> c.subDistrictId()).orElse(null);
        return new Chain(subDistrict, community, gridId);
    }

    private record Chain(String subDistrictId, String communityId, String gridId) {
    }
}
