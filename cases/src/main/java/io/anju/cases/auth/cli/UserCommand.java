package io.anju.cases.auth.cli;

import io.anju.cases.model.CaseException;
import io.anju.common.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * {@code anju user}: add, list, disable users of the case system and set their passwords. Refused input (bad role,
 * unknown scope, taken name, unknown user) prints one line and exits 2; bad usage exits 2 with the usage text.
 */
@Command(name = "user", mixinStandardHelpOptions = true, version = "anju user",
        description = "Manage the people who sign in to the case system.",
        subcommands = {UserAddCommand.class, UserListCommand.class, UserDisableCommand.class, UserPasswdCommand.class,
                UserDemoCommand.class})
public final class UserCommand implements Runnable {
    /** Environment variable with the password for {@code add} and {@code passwd} when --password is not given. */
    public static final String PASSWORD_ENV = "ANJU_USER_PASSWORD";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The configured command line; {@code env} supplies {@value #PASSWORD_ENV} (tests pass their own). */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new UserCommand());
        cli.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof PasswordSource source) {
                source.environment(env);
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CaseException || e instanceof RegistryException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("user: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("user: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: add, list, disable, passwd or demo");
    }
}
