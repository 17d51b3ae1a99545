package io.anju.cases.auth.cli;

import io.anju.cases.auth.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code user list}: one line per user. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
final class UserListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Override
    public Integer call() throws Exception {
        try (UserStoreSession session = store.open()) {
            List<UserAccount> all = UserStoreSession.await(session.users().list());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-22s %-24s %-8s %s%n", "NAME", "ROLE", "SCOPE", "STATUS", "DISPLAY NAME");
            for (UserAccount u : all) {
                out.printf("%-24s %-22s %-24s %-8s %s%n", u.name(), u.role().wireName(),
                        String.join(",", u.scope().stream().sorted().toList()), u.disabled() ? "disabled" : "active",
                        u.displayName() == null ? "" : u.displayName());
            }
            out.flush();
        }
        return 0;
    }
}
