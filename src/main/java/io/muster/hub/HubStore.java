package io.muster.hub;

import io.muster.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The {@code hub_account} table: one row per account and Region the hub has seen or been told about. */
final class HubStore {

    private static final String COLUMNS = "account_id, region, subscribed, origin, subscribed_at, auto_enable_controls, "
            + "control_finding_generator";

    private HubStore() {
    }

    static Optional<HubAccount> find(Connection connection, String accountId, String region) throws SQLException {
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM hub_account WHERE account_id = ? AND region = ?",
                List.of(accountId, region), HubStore::row).stream().findFirst();
    }

    /** Inserts the row; a concurrent insert of the same account and Region fails with a unique violation (retried by Transactions). */
    static void insert(Connection connection, HubAccount hub) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sql.update(connection, "INSERT INTO hub_account (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(hub.accountId(), hub.region(), hub.subscribed(), hub.origin().name(), hub.subscribedAt().atOffset(ZoneOffset.UTC),
                        hub.autoEnableControls(), hub.controlFindingGenerator().name(), now));
    }

    static void update(Connection connection, HubAccount hub) throws SQLException {
        Sql.update(connection, "UPDATE hub_account SET subscribed = ?, origin = ?, subscribed_at = ?, auto_enable_controls = ?, "
                + "control_finding_generator = ?, updated_at = ? WHERE account_id = ? AND region = ?",
                List.of(hub.subscribed(), hub.origin().name(), hub.subscribedAt().atOffset(ZoneOffset.UTC), hub.autoEnableControls(),
                        hub.controlFindingGenerator().name(), OffsetDateTime.now(ZoneOffset.UTC), hub.accountId(), hub.region()));
    }

    private static HubAccount row(ResultSet row) throws SQLException {
        return new HubAccount(row.getString(1), row.getString(2), row.getBoolean(3), HubAccount.Origin.valueOf(row.getString(4)),
                row.getObject(5, OffsetDateTime.class).toInstant(), row.getBoolean(6), ControlFindingGenerator.valueOf(row.getString(7)));
    }
}
