package io.muster.auth;

import io.muster.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Dashboard sessions. The cookie carries a random session id; the database keeps only its SHA-256, the
 * user and a CSRF token that every state-changing call of the session must repeat in a header. Sessions
 * end at {@code muster.auth.session-timeout}, at sign-out, and when their user is disabled or deleted.
 * Users who sign in through OpenID Connect get the same kind of session, their role taken from the token.
 */
@ApplicationScoped
public class Sessions {

    /** A signed-in session. */
    public record Session(String userName, String csrfToken, Caller caller, Instant expiresAt) {
    }

    /** A session just started: the cookie value, shown once, and its CSRF token. */
    public record Started(String sessionId, String csrfToken, Instant expiresAt) {
    }

    @Inject
    Database database;

    @Inject
    Users users;

    @Inject
    AuthConfig config;

    /** For built-in users; their role and scope are read again on every request. */
    public Started start(User user, Instant now) {
        return start(user.userName(), false, null, AccessScope.UNRESTRICTED, now);
    }

    /** For users signed in through OpenID Connect: the role and scope their token gave. */
    public Started startFederated(Caller caller, Instant now) {
        return start(caller.identity(), true, caller.role(), caller.scope(), now);
    }

    private Started start(String userName, boolean federated, Role role, AccessScope scope, Instant now) {
        String id = Secrets.random(32);
        String csrf = Secrets.random(24);
        Instant expires = now.plus(config.sessionTimeout());
        update("INSERT INTO user_session (id_hash, user_name, csrf_token, federated, role, account_scope, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Secrets.sha256Hex(id), userName, csrf, federated,
                role == null ? null : role.name(), CredentialStore.joined(scope.accounts(), ","), CredentialStore.time(now),
                CredentialStore.time(expires));
        return new Started(id, csrf, expires);
    }

    public Optional<Session> find(String sessionId, Instant now) {
        String sql = "SELECT user_name, csrf_token, expires_at, federated, role, account_scope FROM user_session WHERE id_hash = ?";
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, Secrets.sha256Hex(sessionId));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String userName = row.getString(1);
                String csrf = row.getString(2);
                Instant expires = CredentialStore.instant(row, 3);
                if (!now.isBefore(expires)) {
                    end(sessionId);
                    return Optional.empty();
                }
                Optional<Caller> caller = row.getBoolean(4)
                        ? Optional.of(new Caller(userName, userName, Role.valueOf(row.getString(5)),
                                new AccessScope(CredentialStore.split(row.getString(6), ","), java.util.Set.of())))
                        : users.find(userName).filter(u -> u.status() == User.Status.ACTIVE).map(User::caller);
                return caller.map(c -> new Session(userName, csrf, c, expires));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sessions could not be read", e);
        }
    }

    public void end(String sessionId) {
        update("DELETE FROM user_session WHERE id_hash = ?", Secrets.sha256Hex(sessionId));
    }

    public void endAll(String userName) {
        update("DELETE FROM user_session WHERE user_name = ?", userName);
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            CredentialStore.bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Sessions could not be written", e);
        }
    }
}
