package io.muster.hub;

import io.muster.MusterConfig;
import io.muster.account.MemberAccountCreated;
import io.muster.api.ApiException;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * DescribeOrganizationConfiguration and UpdateOrganizationConfiguration, per Region, and what AutoEnable does:
 * a member account added by CreateMembers in a Region whose configuration has AutoEnable gets the hub there at
 * once. AutoEnableStandards is recorded; Muster's standards are enabled for the whole hub rather than per
 * account, so DEFAULT has nothing more to enable for a new member.
 */
@ApplicationScoped
public class OrganizationConfigurations {

    @Inject
    Transactions transactions;

    @Inject
    Database database;

    @Inject
    Hubs hubs;

    @Inject
    MusterConfig muster;

    public OrganizationConfiguration describe(String region) {
        try (Connection connection = database.connection()) {
            return find(connection, region).orElse(OrganizationConfiguration.defaults(region));
        } catch (SQLException e) {
            throw new IllegalStateException("The organization configuration could not be read", e);
        }
    }

    /** Members not given keep their values (AutoEnable is required, as in Security Hub). */
    public OrganizationConfiguration update(String region, boolean autoEnable, OrganizationConfiguration.AutoEnableStandards standards,
            OrganizationConfiguration.ConfigurationType type) {
        if (type == OrganizationConfiguration.ConfigurationType.CENTRAL) {
            throw ApiException.invalidInput("OrganizationConfiguration.ConfigurationType CENTRAL is not supported: central configuration "
                    + "works through configuration policies, which Muster does not have; use LOCAL");
        }
        return transactions.inTransaction(connection -> {
            OrganizationConfiguration current = find(connection, region).orElse(null);
            OrganizationConfiguration updated = new OrganizationConfiguration(region, autoEnable,
                    standards != null ? standards : current != null ? current.autoEnableStandards()
                            : OrganizationConfiguration.AutoEnableStandards.DEFAULT,
                    OrganizationConfiguration.ConfigurationType.LOCAL);
            List<Object> values = List.of(updated.autoEnable(), updated.autoEnableStandards().name(), updated.configurationType().name(),
                    OffsetDateTime.now(ZoneOffset.UTC), region);
            if (current == null) {
                Sql.update(connection, "INSERT INTO hub_organization (auto_enable, auto_enable_standards, configuration_type, updated_at, "
                        + "region) VALUES (?, ?, ?, ?, ?)", values);
            } else {
                Sql.update(connection, "UPDATE hub_organization SET auto_enable = ?, auto_enable_standards = ?, configuration_type = ?, "
                        + "updated_at = ? WHERE region = ?", values);
            }
            return updated;
        });
    }

    /**
     * A member account was added (inside the transaction that added it): enable the hub for it in that Region when
     * the organization configuration there says AutoEnable, in the same transaction.
     */
    void onMemberCreated(@Observes MemberAccountCreated created) {
        String region = created.region() == null || created.region().isBlank() ? muster.region() : created.region();
        try (Connection connection = database.connection()) {
            if (find(connection, region).map(OrganizationConfiguration::autoEnable).orElse(false)) {
                hubs.autoEnable(connection, created.accountId(), region);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The hub could not be enabled for the new member " + created.accountId(), e);
        }
    }

    private static Optional<OrganizationConfiguration> find(Connection connection, String region) throws SQLException {
        return Sql.query(connection, "SELECT auto_enable, auto_enable_standards, configuration_type FROM hub_organization WHERE region = ?",
                List.of(region), row -> new OrganizationConfiguration(region, row.getBoolean(1),
                        OrganizationConfiguration.AutoEnableStandards.valueOf(row.getString(2)),
                        OrganizationConfiguration.ConfigurationType.valueOf(row.getString(3)))).stream().findFirst();
    }
}
