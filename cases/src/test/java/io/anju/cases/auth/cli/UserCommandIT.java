package io.anju.cases.auth.cli;

import io.anju.cases.auth.AuthenticationFailedException;
import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.UserStore;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.store.Database;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code anju user} against real PostgreSQL. Most tests run while this class holds the embedded server of the data
 * directory, as a running case service would: the command must connect to it rather than start a second one.
 */
class UserCommandIT {
    @TempDir
    static Path dataDir;

    private static Database running;
    private static Vertx vertx;
    private static UserStore users;
    private static Path registry;

    @BeforeAll
    static void startTheServiceDatabase() throws Exception {
        running = Database.embedded(CasesDatabaseLocator.embeddedDir(dataDir), 0);
        running.migrate();
        vertx = Vertx.vertx();
        Pool pool = running.pool(vertx, 2);
        users = new UserStore(vertx, pool, new PasswordHasher(1_000));
        registry = dataDir.resolve("registry-test.json");
        RegistryWriter.write(registry, RegistryGenerator.generate(GeneratorOptions.of(1)).document());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
        if (running != null) {
            running.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, Path dir, String... args) {
        CommandLine cli = UserCommand.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--password-iterations", "1000"));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), dataDir, args);
    }

    @Test
    void addListAndDisableWhileTheServiceHoldsTheDatabase() throws Exception {
        Run add = run("add", "--name", "li.grid", "--role", "grid_worker", "--scope", "g-001",
                "--password", "li-password-1", "--display-name", "Li Wei", "--registry", registry.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("added li.grid (grid_worker, scope g-001)").doesNotContain("password:");
        assertThat(await(users.authenticate("li.grid", "li-password-1")))
                .isEqualTo(new Principal("li.grid", Role.GRID_WORKER, Set.of("g-001")));

        Run list = run("list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("li\\.grid\\s+grid_worker\\s+g-001\\s+active\\s+Li Wei");

        assertThat(run("disable", "--name", "li.grid").exit()).isZero();
        assertThat(run("list").out()).containsPattern("li\\.grid\\s+grid_worker\\s+g-001\\s+disabled");
        assertThatThrownBy(() -> await(users.authenticate("li.grid", "li-password-1")))
                .hasCauseInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void demoAddsOnePersonPerRoleAtRealPlaces_andASecondRunChangesNothing() throws Exception {
        Run first = run("demo", "--registry", registry.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("password: " + UserDemoCommand.DEMO_PASSWORD);
        for (Role role : Role.values()) {
            if (role == Role.VENDOR) {
                // A vendor is an outside party, not one of the district's people: the demo registry names no
                // vendor, and one is added with `user add --role vendor --scope NAME` when the registry does.
                assertThat(first.out()).doesNotContain(role.wireName());
                continue;
            }
            assertThat(first.out()).as("a demo user for " + role).contains(role.wireName());
        }
        Principal grid = await(users.authenticate("grid", UserDemoCommand.DEMO_PASSWORD));
        assertThat(grid.role()).isEqualTo(Role.GRID_WORKER);
        Registry r = RegistryLoader.load(registry);
        assertThat(r.grid(grid.scope().iterator().next())).as("the demo grid exists").isPresent();

        Run second = run("demo", "--registry", registry.toString(), "--password", "another-password-1");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(await(users.authenticate("grid", UserDemoCommand.DEMO_PASSWORD)).name())
                .as("existing users are left as they are").isEqualTo("grid");
    }

    @Test
    void withoutAPasswordTheEnvironmentsIsUsedElseAStrongOneIsPrintedOnce() throws Exception {
        Run fromEnv = run(Map.of(UserCommand.PASSWORD_ENV, "env-password-1"), dataDir,
                "add", "--name", "wang.pm", "--role", "property_manager", "--scope", "cp-0001,cp-0002");
        assertThat(fromEnv.exit()).as(fromEnv.err()).isZero();
        assertThat(await(users.authenticate("wang.pm", "env-password-1")).scope()).containsExactlyInAnyOrder("cp-0001", "cp-0002");

        Run generated = run("add", "--name", "zhao.em", "--role", "emergency_manager", "--scope", "sd-01");
        assertThat(generated.exit()).as(generated.err()).isZero();
        Matcher shown = Pattern.compile("password: (\\S+)").matcher(generated.out());
        assertThat(shown.find()).isTrue();
        assertThat(shown.group(1)).hasSize(20);
        assertThat(await(users.authenticate("zhao.em", shown.group(1))).role()).isEqualTo(Role.EMERGENCY_MANAGER);

        Run passwd = run("passwd", "--name", "zhao.em", "--password", "new-password-1");
        assertThat(passwd.exit()).isZero();
        assertThat(await(users.authenticate("zhao.em", "new-password-1")).name()).isEqualTo("zhao.em");
    }

    @Test
    void aBadRoleExitsTwoNamingTheAllowedRoles() {
        Run bad = run("add", "--name", "x", "--role", "mayor", "--scope", "g-001", "--password", "x-password-1");

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("user: unknown role 'mayor'").contains("grid_worker")
                .contains("property_manager").contains("department_responder");
    }

    @Test
    void refusedInputExitsTwoWithOneClearLine() {
        Run unknownScope = run("add", "--name", "y", "--role", "grid_worker", "--scope", "g-999",
                "--password", "y-password-1", "--registry", registry.toString());
        assertThat(unknownScope.exit()).isEqualTo(2);
        assertThat(unknownScope.err().strip()).isEqualTo("user: unknown grid 'g-999' in scope of a grid_worker");

        Run twoGrids = run("add", "--name", "y", "--role", "grid_worker", "--scope", "g-001,g-002", "--password", "y-password-1");
        assertThat(twoGrids.exit()).isEqualTo(2);
        assertThat(twoGrids.err()).contains("exactly one scope unit");

        assertThat(run("add", "--name", "dup", "--role", "grid_worker", "--scope", "g-003", "--password", "d-password-1")
                .exit()).isZero();
        Run again = run("add", "--name", "dup", "--role", "grid_worker", "--scope", "g-003", "--password", "d-password-1");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");

        Run nobody = run("disable", "--name", "nobody");
        assertThat(nobody.exit()).isEqualTo(2);
        assertThat(nobody.err()).contains("no user 'nobody'");
    }

    @Test
    void withNoRunningServiceTheCommandStartsAndStopsTheDatabaseItself(@TempDir Path freshDir) throws Exception {
        Run add = run(Map.of(), freshDir, "add", "--name", "sun.op", "--role", "district_operator", "--scope", "*",
                "--password", "sun-password-1");
        assertThat(add.exit()).as(add.err()).isZero();

        Run list = run(Map.of(), freshDir, "list");
        assertThat(list.out()).contains("sun.op");
        assertThat(CasesDatabaseLocator.runningPort(CasesDatabaseLocator.embeddedDir(freshDir)))
                .as("the command's own server is stopped afterwards").isEmpty();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
