package io.anju.cases.auth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code user disable --name N}: the user can no longer sign in, and their tokens stop working. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user.")
final class UserDisableCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--name", required = true, description = "The user to disable.")
    private String name;

    @Override
    public Integer call() throws Exception {
        try (UserStoreSession session = store.open()) {
            UserStoreSession.await(session.users().disable(name));
            spec.commandLine().getOut().printf("disabled %s%n", name);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
