package io.muster.auth;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Dashboard users: created by administrators, signed in with a password. After
 * {@code muster.auth.login-max-failures} wrong passwords a user name is locked for
 * {@code muster.auth.login-lockout}, whoever tries it.
 */
@ApplicationScoped
public class Users {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final String COLUMNS = "user_name, password_hash, role, account_scope, status, created_at, created_by";

    private record Failures(int count, Instant lockedUntil) {
    }

    @Inject
    Database database;

    @Inject
    AuthConfig config;

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public User create(String userName, String password, Role role, AccessScope scope, String createdBy) {
        if (userName == null || !USER_NAME.matcher(userName).matches()) {
            throw ApiException.invalidInput("UserName must be 1 to 128 letters, digits or . _ @ -");
        }
        checkPassword(password);
        if (find(userName).isPresent()) {
            throw new ApiException(ErrorCode.ResourceConflictException, "User " + userName + " already exists");
        }
        User user = new User(userName, Passwords.hash(password), role, scope, User.Status.ACTIVE,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), createdBy);
        update("INSERT INTO muster_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", user.userName(), user.passwordHash(),
                role.name(), CredentialStore.joined(scope.accounts(), ","), user.status().name(),
                CredentialStore.time(user.createdAt()), createdBy);
        return user;
    }

    public Optional<User> find(String userName) {
        return query("SELECT " + COLUMNS + " FROM muster_user WHERE user_name = ?", userName).stream().findFirst();
    }

    public List<User> list() {
        return query("SELECT " + COLUMNS + " FROM muster_user ORDER BY user_name");
    }

    public User change(String userName, String password, Role role, AccessScope scope, User.Status status) {
        User user = find(userName).orElseThrow(() -> ApiException.notFound("No user " + userName));
        if (password != null) {
            checkPassword(password);
        }
        update("UPDATE muster_user SET password_hash = ?, role = ?, account_scope = ?, status = ? WHERE user_name = ?",
                password == null ? user.passwordHash() : Passwords.hash(password), (role == null ? user.role() : role).name(),
                CredentialStore.joined((scope == null ? user.scope() : scope).accounts(), ","),
                (status == null ? user.status() : status).name(), userName);
        return find(userName).orElseThrow();
    }

    public void delete(String userName) {
        if (update("DELETE FROM muster_user WHERE user_name = ?", userName) == 0) {
            throw ApiException.notFound("No user " + userName);
        }
    }

    /** The user whose password this is; refuses wrong passwords, disabled users and locked user names alike. */
    public User signIn(String userName, String password, Instant now) {
        Failures failed = failures.get(userName);
        if (failed != null && failed.lockedUntil() != null && now.isBefore(failed.lockedUntil())) {
            throw new ApiException(ErrorCode.LimitExceededException, "Too many failed sign-ins for " + userName
                    + "; try again after " + failed.lockedUntil());
        }
        Optional<User> user = find(userName);
        boolean matches = user.isPresent() ? Passwords.matches(password, user.get().passwordHash())
                : Passwords.matches(password, DUMMY_HASH);
        if (!matches || user.get().status() != User.Status.ACTIVE) {
            failures.compute(userName, (name, previous) -> {
                int count = previous == null ? 1 : previous.count() + 1;
                return new Failures(count, count >= config.loginMaxFailures() ? now.plus(config.loginLockout()) : null);
            });
            throw new ApiException(ErrorCode.InvalidAccessException, "Wrong user name or password");
        }
        failures.remove(userName);
        return user.get();
    }

    /** Compared against when the user does not exist, so that timing does not tell whether it does. */
    private static final String DUMMY_HASH = Passwords.hash(Secrets.random(16));

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalidInput("Password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            CredentialStore.bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Users could not be written", e);
        }
    }

    private List<User> query(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            CredentialStore.bind(statement, parameters);
            List<User> users = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    users.add(new User(row.getString(1), row.getString(2), Role.valueOf(row.getString(3)),
                            new AccessScope(CredentialStore.split(row.getString(4), ","), java.util.Set.of()),
                            User.Status.valueOf(row.getString(5)), CredentialStore.instant(row, 6), row.getString(7)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Users could not be read", e);
        }
    }
}
