package io.anju.cases.auth.cli;

import io.anju.cases.auth.UserAccount;
import io.anju.cases.model.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code user add --name N --role R --scope S [--password P] [--display-name D]}. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
final class UserAddCommand extends PasswordSource implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--name", required = true, description = "Sign-in name (letters, digits, . _ @ -).")
    private String name;

    @Option(names = "--role", required = true, description = "One of district_operator, sub_district_operator,"
            + " community_operator, grid_worker, property_manager, emergency_manager, department_responder, vendor.")
    private String role;

    @Option(names = "--scope", required = true, description = "Unit id(s) of the role: sub-district, community or grid"
            + " id, compound ids (comma-separated) for a property manager, department code for a responder, the vendor's name (as in installation.vendor) for a vendor,"
            + " * for the district.")
    private String scope;

    @Option(names = "--password", description = "Password (else env " + UserCommand.PASSWORD_ENV
            + ", else one is generated and printed once).")
    private String password;

    @Option(names = "--display-name", description = "Name shown to people.")
    private String displayName;

    @Override
    public Integer call() throws Exception {
        Role.fromWire(role); // a bad role is refused before any database is started
        Chosen chosen = choose(password);
        try (UserStoreSession session = store.open()) {
            UserAccount added = UserStoreSession.await(
                    session.users().add(name, role, scope, chosen.password(), displayName));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("added %s (%s, scope %s)%n", added.name(), added.role().wireName(), String.join(",", added.scope()));
            if (chosen.generated()) {
                out.printf("password: %s%n(shown once; give it to %s over a safe channel)%n", chosen.password(), added.name());
            }
            out.flush();
        }
        return 0;
    }
}
