package io.muster.product;

import io.muster.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code product_subscription} table: the products turned on or off for an account in a Region. A product
 * without a row is in its default state (enabled for the AWS services, disabled otherwise).
 */
final class ProductSubscriptionStore {

    private ProductSubscriptionStore() {
    }

    /** The products with a row for this account and Region, by key (sorted), and whether each is enabled. */
    static Map<String, Boolean> states(Connection connection, String accountId, String region) throws SQLException {
        Map<String, Boolean> states = new LinkedHashMap<>();
        Sql.query(connection, "SELECT product_key, enabled FROM product_subscription WHERE account_id = ? AND region = ? ORDER BY product_key",
                List.of(accountId, region), row -> Map.entry(row.getString(1), row.getBoolean(2)))
                .forEach(state -> states.put(state.getKey(), state.getValue()));
        return states;
    }

    /** Records the product as enabled or disabled; a concurrent first write of the same row is retried by Transactions. */
    static void set(Connection connection, String accountId, String region, String key, boolean enabled) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = Sql.update(connection, "UPDATE product_subscription SET enabled = ?, changed_at = ? "
                + "WHERE account_id = ? AND region = ? AND product_key = ?", List.of(enabled, now, accountId, region, key));
        if (updated == 0) {
            Sql.update(connection, "INSERT INTO product_subscription (account_id, region, product_key, enabled, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?)", List.of(accountId, region, key, enabled, now));
        }
    }
}
