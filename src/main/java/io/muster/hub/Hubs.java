package io.muster.hub;

import io.muster.MusterConfig;
import io.muster.account.ResourceTags;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.db.Database;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security Hub per account and Region, with Security Hub's rules: EnableSecurityHub subscribes (once:
 * ResourceConflictException after that), DisableSecurityHub unsubscribes, and every hub-scoped operation of an
 * account that is not subscribed is refused with InvalidAccessException "Account &lt;id&gt; is not subscribed to
 * AWS Security Hub" — the message tools such as Prowler look for.
 *
 * <p>Unless {@code muster.hub.require-enable} is on, an account Muster has not been told about counts as
 * subscribed, and is recorded as such (SubscribedAt) the first time it is seen; such an account may still call
 * EnableSecurityHub once, to set Tags and ControlFindingGenerator as Terraform and the console do. Muster's own
 * account ({@code muster.account-id}) is the administrator account and cannot disable the hub.
 */
@ApplicationScoped
public class Hubs {

    private static final Pattern HUB_ARN = Pattern.compile("arn:aws[a-z-]*:securityhub:([a-z0-9-]+):(\\d{12}):hub/default");

    private static final int MAX_REMEMBERED = 100_000;

    /** What this replica last read of an account's subscription, for the import path. */
    private record Known(boolean subscribed, long readAt) {
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    HubConfig config;

    @Inject
    MusterConfig muster;

    @Inject
    Transactions transactions;

    @Inject
    Database database;

    @Inject
    ResourceTags resourceTags;

    /**
     * The account's hub in the Region, for an operation that needs it; InvalidAccessException when the account is
     * not subscribed. Records an account seen for the first time as subscribed unless explicit enabling is required.
     */
    public HubAccount requireSubscribed(String accountId, String region) {
        HubAccount hub = transactions.inTransaction(connection -> current(connection, accountId, region));
        remember(hub.accountId(), region, hub.subscribed());
        if (!hub.subscribed()) {
            throw notSubscribed(accountId, region);
        }
        return hub;
    }

    /**
     * Whether the account is subscribed in the Region, as the import path asks for every finding: answered from
     * what this replica read within {@code muster.hub.state-cache-ttl}.
     */
    public boolean isSubscribed(String accountId, String region) {
        Known seen = known.get(key(accountId, region));
        if (seen != null && System.nanoTime() - seen.readAt() < config.stateCacheTtl().toNanos()) {
            return seen.subscribed();
        }
        boolean subscribed = transactions.inTransaction(connection -> current(connection, accountId, region)).subscribed();
        remember(accountId, region, subscribed);
        return subscribed;
    }

    /** DescribeHub: the caller's hub; a HubArn that names another hub is ResourceNotFoundException. */
    public HubAccount describe(String accountId, String region, String hubArn) {
        if (hubArn != null) {
            Matcher arn = HUB_ARN.matcher(hubArn);
            if (!arn.matches()) {
                throw ApiException.invalidInput("HubArn '" + hubArn + "' is not a hub ARN; a hub ARN has the form "
                        + HubAccount.hubArn("<region>", "<account-id>"));
            }
            if (!arn.group(1).equals(region) || !arn.group(2).equals(accountId)) {
                throw ApiException.notFound("No hub has the ARN '" + hubArn + "' for this caller: the caller acts as account " + accountId
                        + " in " + region + ", whose hub is " + HubAccount.hubArn(region, accountId));
            }
        }
        return requireSubscribed(accountId, region);
    }

    /**
     * EnableSecurityHub. Tags go to the hub's ARN (ListTagsForResource shows them). EnableDefaultStandards is
     * accepted and has no effect of its own: Muster's standards are enabled for the whole hub, not per account
     * (BatchEnableStandards), and the packs marked enabled-by-default are enabled when Muster first starts.
     */
    public HubAccount enable(String accountId, String region, Map<String, String> tags, ControlFindingGenerator generator) {
        HubAccount enabled = transactions.inTransaction(connection -> {
            Optional<HubAccount> row = HubStore.find(connection, accountId, region);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            HubAccount hub;
            if (row.isEmpty()) {
                hub = new HubAccount(accountId, region, true, HubAccount.Origin.ENABLE_SECURITY_HUB, now, true,
                        generator == null ? ControlFindingGenerator.SECURITY_CONTROL : generator);
                HubStore.insert(connection, hub);
            } else if (row.get().subscribed() && row.get().origin() != HubAccount.Origin.DEFAULT) {
                throw new ApiException(ErrorCode.ResourceConflictException, "Account " + accountId
                        + " is already subscribed to AWS Security Hub in " + region + " (since " + row.get().subscribedAt() + ")");
            } else if (row.get().subscribed()) {
                HubAccount seen = row.get();
                hub = new HubAccount(accountId, region, true, HubAccount.Origin.ENABLE_SECURITY_HUB, seen.subscribedAt(),
                        seen.autoEnableControls(), generator == null ? seen.controlFindingGenerator() : generator);
                HubStore.update(connection, hub);
            } else {
                hub = new HubAccount(accountId, region, true, HubAccount.Origin.ENABLE_SECURITY_HUB, now, true,
                        generator == null ? ControlFindingGenerator.SECURITY_CONTROL : generator);
                HubStore.update(connection, hub);
            }
            if (!tags.isEmpty()) {
                resourceTags.tag(hub.hubArn(), tags);
            }
            return hub;
        });
        remember(accountId, region, true);
        return enabled;
    }

    /** UpdateSecurityHubConfiguration: the members given change, the others keep their values. */
    public HubAccount update(String accountId, String region, Boolean autoEnableControls, ControlFindingGenerator generator) {
        return transactions.inTransaction(connection -> {
            HubAccount hub = current(connection, accountId, region);
            if (!hub.subscribed()) {
                throw notSubscribed(accountId, region);
            }
            HubAccount updated = new HubAccount(accountId, region, true, hub.origin(), hub.subscribedAt(),
                    autoEnableControls == null ? hub.autoEnableControls() : autoEnableControls,
                    generator == null ? hub.controlFindingGenerator() : generator);
            HubStore.update(connection, updated);
            return updated;
        });
    }

    /** DisableSecurityHub: the account is not subscribed in the Region from now on (its findings stay). */
    public void disable(String accountId, String region) {
        if (accountId.equals(muster.accountId())) {
            throw new ApiException(ErrorCode.InvalidAccessException, "Account " + accountId + " is Muster's administrator account "
                    + "(muster.account-id) and cannot disable AWS Security Hub; disable it in member accounts with a credential "
                    + "scoped to the member account");
        }
        transactions.inTransaction(connection -> {
            HubAccount hub = current(connection, accountId, region);
            if (!hub.subscribed()) {
                throw notSubscribed(accountId, region);
            }
            HubStore.update(connection, new HubAccount(accountId, region, false, hub.origin(), hub.subscribedAt(), hub.autoEnableControls(),
                    hub.controlFindingGenerator()));
            return null;
        });
        remember(accountId, region, false);
    }

    /**
     * Subscribes a new member account because the organization configuration says so, on the caller's connection
     * (the transaction that created the member). An account subscribed already is left as it is.
     */
    void autoEnable(Connection connection, String accountId, String region) throws SQLException {
        Optional<HubAccount> row = HubStore.find(connection, accountId, region);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HubAccount hub = new HubAccount(accountId, region, true, HubAccount.Origin.AUTO_ENABLE, now, true,
                ControlFindingGenerator.SECURITY_CONTROL);
        if (row.isEmpty()) {
            HubStore.insert(connection, hub);
        } else if (!row.get().subscribed() || row.get().origin() == HubAccount.Origin.DEFAULT) {
            HubStore.update(connection, row.get().subscribed()
                    ? new HubAccount(accountId, region, true, HubAccount.Origin.AUTO_ENABLE, row.get().subscribedAt(),
                            row.get().autoEnableControls(), row.get().controlFindingGenerator())
                    : hub);
        }
        known.remove(key(accountId, region));
    }

    /** The error Security Hub answers for an account that is not subscribed, with its exact opening words. */
    public static ApiException notSubscribed(String accountId, String region) {
        return new ApiException(ErrorCode.InvalidAccessException, notSubscribedMessage(accountId, region));
    }

    static String notSubscribedMessage(String accountId, String region) {
        return "Account " + accountId + " is not subscribed to AWS Security Hub in " + region
                + "; enable it with EnableSecurityHub (aws securityhub enable-security-hub --region " + region + ") called as that account";
    }

    /** The account's hub as it stands: its row, or (none yet) a subscription recorded now unless enabling is required. */
    private HubAccount current(Connection connection, String accountId, String region) throws SQLException {
        Optional<HubAccount> row = HubStore.find(connection, accountId, region);
        if (row.isPresent()) {
            return row.get();
        }
        HubAccount seen = new HubAccount(accountId, region, !config.requireEnable(), HubAccount.Origin.DEFAULT,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), true, ControlFindingGenerator.SECURITY_CONTROL);
        if (seen.subscribed()) {
            HubStore.insert(connection, seen);
        }
        return seen;
    }

    private void remember(String accountId, String region, boolean subscribed) {
        if (known.size() > MAX_REMEMBERED) {
            known.clear();
        }
        known.put(key(accountId, region), new Known(subscribed, System.nanoTime()));
    }

    private static String key(String accountId, String region) {
        return accountId + "|" + region;
    }
}
