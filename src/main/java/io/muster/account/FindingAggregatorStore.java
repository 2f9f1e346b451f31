package io.muster.account;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.muster.api.Json;
import io.muster.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding aggregators in the {@code finding_aggregator} table, one per account; every method works on the caller's connection. */
final class FindingAggregatorStore {

    private static final String COLUMNS = "account_id, aggregator_id, aggregation_region, region_linking_mode, regions, created_at, updated_at";

    private FindingAggregatorStore() {
    }

    static Optional<FindingAggregator> ofAccount(Connection connection, String accountId) throws SQLException {
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM finding_aggregator WHERE account_id = ?", List.of(accountId),
                FindingAggregatorStore::aggregator).stream().findFirst();
    }

    static void insert(Connection connection, FindingAggregator aggregator) throws SQLException {
        Sql.update(connection, "INSERT INTO finding_aggregator (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                List.of(aggregator.accountId(), aggregator.id(), aggregator.aggregationRegion(), aggregator.regionLinkingMode(),
                        regions(aggregator.regions()), time(aggregator.createdAt()), time(aggregator.updatedAt())));
    }

    static void update(Connection connection, FindingAggregator aggregator) throws SQLException {
        Sql.update(connection, "UPDATE finding_aggregator SET region_linking_mode = ?, regions = ?, updated_at = ? "
                + "WHERE account_id = ? AND aggregator_id = ?", List.of(aggregator.regionLinkingMode(), regions(aggregator.regions()),
                        time(aggregator.updatedAt()), aggregator.accountId(), aggregator.id()));
    }

    static boolean delete(Connection connection, FindingAggregator aggregator) throws SQLException {
        return Sql.update(connection, "DELETE FROM finding_aggregator WHERE account_id = ? AND aggregator_id = ?",
                List.of(aggregator.accountId(), aggregator.id())) == 1;
    }

    private static String regions(List<String> regions) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        regions.forEach(list::add);
        return Json.write(list);
    }

    private static FindingAggregator aggregator(ResultSet row) throws SQLException {
        List<String> regions = new ArrayList<>();
        Json.readStored(row.getString(5)).forEach(region -> regions.add(region.asText()));
        return new FindingAggregator(row.getString(1), row.getString(2), row.getString(3), row.getString(4), regions,
                row.getObject(6, OffsetDateTime.class).toInstant(), row.getObject(7, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
