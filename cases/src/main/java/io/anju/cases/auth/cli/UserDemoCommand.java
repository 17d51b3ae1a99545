package io.anju.cases.auth.cli;

import io.anju.cases.model.Role;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code user demo}: one person per role for a demonstration, scoped to real places of the registry — the district,
 * Beiyuanmen (its centre and the street's emergency manager), and the community, grid and compound of the first
 * charger the demo simulates. Users that exist already are left as they are, so a second run changes nothing. Every
 * role of the district's own people has one; a {@code vendor} does not (an outside party, and the demo registry names
 * no vendor: add one with {@code user add --role vendor --scope NAME}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Add the demo users (one per role) and print their sign-in names and scopes.")
public final class UserDemoCommand implements Callable<Integer> {
    /** The demo team's shared password: for a demonstration on one machine only. */
    public static final String DEMO_PASSWORD = "anju-demo-2026";
    private static final String STREET_NAME_EN = "Beiyuanmen";

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--password", description = "Password of every demo user (default: " + DEMO_PASSWORD + ").")
    private String password = DEMO_PASSWORD;

    /** One demo person: sign-in name, role, scope ids (comma-separated) and display name. */
    public record DemoUser(String name, Role role, String scope, String displayName) {
    }

    @Override
    public Integer call() throws Exception {
        Registry registry = store.loadRegistry();
        if (registry == null) {
            throw new IllegalArgumentException("user demo needs the registry: --registry FILE or <data-dir>/registry.json");
        }
        List<DemoUser> team = team(registry);
        PrintWriter out = spec.commandLine().getOut();
        try (UserStoreSession session = store.open()) {
            for (DemoUser u : team) {
                boolean exists = UserStoreSession.await(session.users().find(u.name())).isPresent();
                if (!exists) {
                    UserStoreSession.await(session.users().add(u.name(), u.role().wireName(), u.scope(), password,
                            u.displayName()));
                }
                out.printf("  %-16s %-22s %-18s %s%n", u.name(), u.role().wireName(), u.scope(), u.displayName());
            }
        }
        out.printf("  password: %s%n", password);
        out.flush();
        return 0;
    }

    /**
     * The demo team for a registry; the one-process platform ({@code ./anju demo}) provisions the same people and
     * places its demo faults in their scopes.
     */
    public static List<DemoUser> team(Registry registry) {
        String street = registry.subDistricts().stream().filter(s -> STREET_NAME_EN.equals(s.nameEn()))
                .map(s -> s.id()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the registry has no sub-district " + STREET_NAME_EN));
        Device charger = registry.devicesOfType(DeviceType.CHARGER).stream().filter(Device::enabled).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the registry has no charger"));
        LocationChain at = charger.location();
        List<DemoUser> team = new ArrayList<>();
        team.add(new DemoUser("district", Role.DISTRICT_OPERATOR, "lianhu", "Lianhu district command centre"));
        team.add(new DemoUser("beiyuanmen", Role.SUB_DISTRICT_OPERATOR, street, "Beiyuanmen sub-district centre"));
        team.add(new DemoUser("emergency", Role.EMERGENCY_MANAGER, street, "Beiyuanmen street emergency manager"));
        team.add(new DemoUser("community", Role.COMMUNITY_OPERATOR, at.communityId(), "Community centre of " + at.compoundId()));
        team.add(new DemoUser("grid", Role.GRID_WORKER, at.gridId(), "Grid worker of " + at.gridId()));
        team.add(new DemoUser("property", Role.PROPERTY_MANAGER, at.compoundId(), "Property manager of " + at.compoundId()));
        team.add(new DemoUser("fire", Role.DEPARTMENT_RESPONDER, "fire", "Fire brigade duty officer"));
        team.add(new DemoUser("police", Role.DEPARTMENT_RESPONDER, "police", "Police duty officer"));
        return team;
    }
}
