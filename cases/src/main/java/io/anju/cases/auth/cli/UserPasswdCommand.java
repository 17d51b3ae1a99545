package io.anju.cases.auth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code user passwd --name N [--password P]}: sets a new password (given, from the environment, or generated). */
@Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
final class UserPasswdCommand extends PasswordSource implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--name", required = true, description = "The user.")
    private String name;

    @Option(names = "--password", description = "New password (else env " + UserCommand.PASSWORD_ENV
            + ", else one is generated and printed once).")
    private String password;

    @Override
    public Integer call() throws Exception {
        Chosen chosen = choose(password);
        try (UserStoreSession session = store.open()) {
            UserStoreSession.await(session.users().setPassword(name, chosen.password()));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("password of %s changed%n", name);
            if (chosen.generated()) {
                out.printf("password: %s%n(shown once)%n", chosen.password());
            }
            out.flush();
        }
        return 0;
    }
}
