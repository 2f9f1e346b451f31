package io.muster.account;

import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Members in the {@code member_account} table, keyed by account id. */
@ApplicationScoped
class MemberStore {

    private static final String COLUMNS = "account_id, email, account_name, member_status, invited_at, updated_at";
    /** Account ids per IN list, so that a long GetMembers list is read in a few statements. */
    private static final int CHUNK = 500;

    @Inject
    Database database;

    Optional<Member> find(Connection connection, String accountId) throws SQLException {
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM member_account WHERE account_id = ?", List.of(accountId),
                MemberStore::member).stream().findFirst();
    }

    /** The members among these account ids. */
    List<Member> findAll(Collection<String> accountIds) {
        List<String> ids = new ArrayList<>(accountIds);
        List<Member> found = new ArrayList<>();
        try (Connection connection = database.connection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                found.addAll(Sql.query(connection, "SELECT " + COLUMNS + " FROM member_account WHERE account_id IN ("
                        + placeholders(chunk.size()) + ")", chunk, MemberStore::member));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Members could not be read", e);
        }
        return found;
    }

    /**
     * Up to {@code limit} members after {@code afterAccountId} in account id order: only those in
     * {@code accounts} unless it is empty, only associated ones if asked.
     */
    List<Member> page(Collection<String> accounts, boolean onlyAssociated, String afterAccountId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM member_account WHERE account_id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterAccountId == null ? "" : afterAccountId);
        if (onlyAssociated) {
            sql.append(" AND member_status = ?");
            parameters.add(Members.ENABLED);
        }
        if (!accounts.isEmpty()) {
            sql.append(" AND account_id IN (").append(placeholders(accounts.size())).append(')');
            parameters.addAll(accounts);
        }
        sql.append(" ORDER BY account_id LIMIT ").append(limit);
        return Sql.query(database, "Members", sql.toString(), MemberStore::member, parameters.toArray());
    }

    /** The account's name, if it is a member with one. */
    Optional<String> name(String accountId) {
        return Sql.query(database, "Account names", "SELECT account_name FROM member_account WHERE account_id = ?",
                row -> Optional.ofNullable(row.getString(1)), accountId).stream().findFirst().flatMap(name -> name);
    }

    void insert(Connection connection, Member member) throws SQLException {
        Sql.update(connection, "INSERT INTO member_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                Arrays.asList(member.accountId(), member.email(), member.accountName(), member.status(),
                        time(member.invitedAt()), time(member.updatedAt())));
    }

    /** Replaces every column but the account id. */
    void replace(Connection connection, Member member) throws SQLException {
        Sql.update(connection, "UPDATE member_account SET email = ?, account_name = ?, member_status = ?, invited_at = ?, updated_at = ? "
                + "WHERE account_id = ?", Arrays.asList(member.email(), member.accountName(), member.status(),
                        time(member.invitedAt()), time(member.updatedAt()), member.accountId()));
    }

    boolean delete(Connection connection, String accountId) throws SQLException {
        return Sql.update(connection, "DELETE FROM member_account WHERE account_id = ?", List.of(accountId)) == 1;
    }

    private static Member member(ResultSet row) throws SQLException {
        return new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4), instant(row, 5), instant(row, 6));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
