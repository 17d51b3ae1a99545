package io.anju.cases.auth;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.common.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The people who may sign in, in the {@code users} table. Password hashing runs on a worker thread (it is slow on
 * purpose). Refusals are {@link CaseException}s (INVALID, CONFLICT, NOT_FOUND); a failed sign-in is an
 * {@link AuthenticationFailedException} with the same message whatever went wrong.
 */
public final class UserStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** Shortest password a person may be given; generated ones are longer. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final String COLUMNS = "name, role, scope, display_name, disabled, created_at";

    private final Vertx vertx;
    private final Pool pool;
    private final PasswordHasher hasher;
    private final ScopeValidator scopes;
    /** Compared against when the name is unknown, so an unknown name costs as much time as a wrong password. */
    private final String decoyHash;

    /**
     * @param registry the registry in use now (the live one): scope ids must name its units; one that gives null
     *                 does not check them
     */
    public UserStore(Vertx vertx, Pool pool, PasswordHasher hasher, Supplier<Registry> registry) {
        this.vertx = vertx;
        this.pool = pool;
        this.hasher = hasher;
        this.scopes = new ScopeValidator(registry);
        this.decoyHash = hasher.hash("decoy password that no account has");
    }

    public UserStore(Vertx vertx, Pool pool, PasswordHasher hasher) {
        this(vertx, pool, hasher, () -> null);
    }

    /** Adds a user; CONFLICT when the name is taken, INVALID for a bad name, role, scope or password. */
    public Future<UserAccount> add(String name, String role, String scope, String password, String displayName) {
        Role r;
        Set<String> units;
        try {
            checkName(name);
            r = parseRole(role);
            units = Principal.parseScope(scope == null ? "" : scope);
            scopes.check(r, units);
            checkPassword(password);
        } catch (CaseException e) {
            return Future.failedFuture(e);
        }
        String scopeText = String.join(",", units.stream().sorted().toList());
        return hash(password).compose(hash -> pool
                .preparedQuery("insert into users (name, password_hash, role, scope, display_name) values ($1, $2, $3, $4, $5)"
                        + " on conflict (name) do nothing returning " + COLUMNS)
                .execute(Tuple.of(name, hash, r.wireName(), scopeText, displayName)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw CaseException.conflict("a user named '" + name + "' already exists");
                    }
                    return account(rows.iterator().next());
                });
    }

    public Future<Optional<UserAccount>> find(String name) {
        return pool.preparedQuery("select " + COLUMNS + " from users where name = $1").execute(Tuple.of(name))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
    }

    public Future<List<UserAccount>> list() {
        return pool.query("select " + COLUMNS + " from users order by name").execute().map(rows -> {
            List<UserAccount> all = new ArrayList<>();
            rows.forEach(row -> all.add(account(row)));
            return all;
        });
    }

    /** Disables the account: it can no longer sign in (tokens already issued run out with their TTL). */
    public Future<Void> disable(String name) {
        return pool.preparedQuery("update users set disabled = true where name = $1").execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw noUser(name);
                    }
                    return null;
                });
    }

    public Future<Void> setPassword(String name, String password) {
        try {
            checkPassword(password);
        } catch (CaseException e) {
            return Future.failedFuture(e);
        }
        return hash(password)
                .compose(hash -> pool.preparedQuery("update users set password_hash = $2 where name = $1")
                        .execute(Tuple.of(name, hash)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw noUser(name);
                    }
                    return null;
                });
    }

    /** The principal of an enabled user whose password matches; otherwise {@link AuthenticationFailedException}. */
    public Future<Principal> authenticate(String name, String password) {
        if (name == null || password == null) {
            return Future.failedFuture(new AuthenticationFailedException());
        }
        return pool.preparedQuery("select password_hash, disabled, " + COLUMNS + " from users where name = $1")
                .execute(Tuple.of(name))
                .compose(rows -> {
                    Row row = rows.rowCount() == 0 ? null : rows.iterator().next();
                    String stored = row == null ? decoyHash : row.getString("password_hash");
                    return vertx.executeBlocking(() -> hasher.verify(password, stored), false).map(ok -> {
                        if (!ok || row == null || row.getBoolean("disabled")) {
                            throw new AuthenticationFailedException();
                        }
                        return account(row).principal();
                    });
                });
    }

    private Future<String> hash(String password) {
        return vertx.executeBlocking(() -> hasher.hash(password), false);
    }

    private static UserAccount account(Row row) {
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        return new UserAccount(row.getString("name"), Role.fromWire(row.getString("role")),
                Principal.parseScope(row.getString("scope")), row.getString("display_name"),
                row.getBoolean("disabled"), created == null ? null : created.toInstant());
    }

    private static Role parseRole(String role) {
        try {
            return Role.fromWire(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw CaseException.invalid(e.getMessage());
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CaseException.invalid("user name must be 1–64 letters, digits, '.', '_', '@' or '-', starting with a"
                    + " letter or digit (was '" + name + "')");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw CaseException.invalid("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static CaseException noUser(String name) {
        return new CaseException(CaseException.Kind.NOT_FOUND, "no user '" + name + "'");
    }
}
