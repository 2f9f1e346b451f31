package io.muster.account;

import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.OffsetPage;
import io.muster.auth.Caller;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security Hub's finding aggregators, one per account: the account the caller acts as
 * ({@link Caller#accountOr}), created in the caller's Region, which becomes its aggregation Region.
 * RegionLinkingMode and Regions follow AWS's rules: ALL_REGIONS and NO_REGIONS take no Regions;
 * ALL_REGIONS_EXCEPT_SPECIFIED and SPECIFIED_REGIONS take at least one; every Region is a Region code.
 * UpdateFindingAggregator must be called from the aggregation Region, as AWS requires.
 *
 * <p>Muster keeps the findings of every Region in one store, so every Region is aggregated whatever the record
 * says; the record is kept as configured, for the clients (Terraform, CloudFormation, scripts) that read it back.
 */
@ApplicationScoped
public class FindingAggregators {

    public enum LinkingMode {
        ALL_REGIONS, ALL_REGIONS_EXCEPT_SPECIFIED, SPECIFIED_REGIONS, NO_REGIONS;

        boolean takesRegions() {
            return this == ALL_REGIONS_EXCEPT_SPECIFIED || this == SPECIFIED_REGIONS;
        }
    }

    public static final int MAX_LIST_RESULTS = 100;
    /** A Region code: us-east-1, eu-central-2, us-gov-west-1, ap-southeast-5 … */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ARN = Pattern.compile("arn:aws:securityhub:([^:]+):([^:]+):finding-aggregator/([^/]+)");

    @Inject
    Transactions transactions;

    @Inject
    MusterConfig config;

    public FindingAggregator create(LinkingMode mode, List<String> regions, Caller caller) {
        check(mode, regions);
        String account = owner(caller);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        FindingAggregator aggregator = new FindingAggregator(account, UUID.randomUUID().toString(), caller.regionOr(config.region()),
                mode.name(), regions, now, now);
        return transactions.inTransaction(connection -> {
            Optional<FindingAggregator> existing = FindingAggregatorStore.ofAccount(connection, account);
            if (existing.isPresent()) {
                throw ApiException.invalidInput("Account " + account + " has a finding aggregator already (" + existing.get().arn()
                        + "); an account has one: change it with UpdateFindingAggregator, or delete it first");
            }
            FindingAggregatorStore.insert(connection, aggregator);
            return aggregator;
        });
    }

    public FindingAggregator get(String arn, Caller caller) {
        Matcher parts = parse(arn);
        return transactions.inTransaction(connection -> find(connection, parts, arn, caller));
    }

    /** The caller's account's finding aggregator, if it has one (ListFindingAggregators). */
    public OffsetPage<FindingAggregator> list(Caller caller, String nextToken, int maxResults) {
        String account = owner(caller);
        List<FindingAggregator> all = transactions.inTransaction(connection -> FindingAggregatorStore.ofAccount(connection, account)
                .map(List::of).orElse(List.of()));
        return OffsetPage.of(all, nextToken, maxResults);
    }

    public FindingAggregator update(String arn, LinkingMode mode, List<String> regions, Caller caller) {
        Matcher parts = parse(arn);
        check(mode, regions);
        String region = caller.regionOr(config.region());
        return transactions.inTransaction(connection -> {
            FindingAggregator current = find(connection, parts, arn, caller);
            if (!current.aggregationRegion().equals(region)) {
                throw ApiException.invalidInput("UpdateFindingAggregator must be called from the aggregation Region, "
                        + current.aggregationRegion() + ", not " + region + "; the aggregation Region cannot change");
            }
            FindingAggregator changed = new FindingAggregator(current.accountId(), current.id(), current.aggregationRegion(), mode.name(),
                    regions, current.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            FindingAggregatorStore.update(connection, changed);
            return changed;
        });
    }

    public void delete(String arn, Caller caller) {
        Matcher parts = parse(arn);
        transactions.inTransaction(connection -> {
            FindingAggregator current = find(connection, parts, arn, caller);
            if (!FindingAggregatorStore.delete(connection, current)) {
                throw notFound(arn);
            }
            return null;
        });
    }

    /** The aggregator the ARN names, if it exists and its account is within the caller's scope. */
    private static FindingAggregator find(java.sql.Connection connection, Matcher parts, String arn, Caller caller)
            throws java.sql.SQLException {
        String account = parts.group(2);
        if (!caller.scope().allowsAccount(account)) {
            throw notFound(arn);
        }
        return FindingAggregatorStore.ofAccount(connection, account)
                .filter(found -> found.id().equals(parts.group(3)) && found.aggregationRegion().equals(parts.group(1)))
                .orElseThrow(() -> notFound(arn));
    }

    /** The account a finding aggregator of this caller belongs to: the one it acts as, which must be within its scope. */
    private String owner(Caller caller) {
        String account = caller.accountOr(config.accountId());
        if (!caller.scope().allowsAccount(account)) {
            throw new ApiException(ErrorCode.AccessDeniedException, caller.identity() + " acts for several accounts ("
                    + String.join(", ", caller.scope().sortedAccounts()) + "); a finding aggregator belongs to one account: "
                    + "call with a credential scoped to that account alone");
        }
        return account;
    }

    private static void check(LinkingMode mode, List<String> regions) {
        if (mode.takesRegions() && regions.isEmpty()) {
            throw ApiException.invalidInput("Regions must name at least one Region when RegionLinkingMode is " + mode.name());
        }
        if (!mode.takesRegions() && !regions.isEmpty()) {
            throw ApiException.invalidInput("Regions must be empty when RegionLinkingMode is " + mode.name() + ", not "
                    + String.join(", ", regions));
        }
        for (int i = 0; i < regions.size(); i++) {
            if (!REGION.matcher(regions.get(i)).matches()) {
                throw ApiException.invalidInput("Regions[" + i + "]: '" + regions.get(i) + "' is not a Region code such as us-east-1");
            }
        }
    }

    private static Matcher parse(String arn) {
        Matcher parts = ARN.matcher(arn == null ? "" : arn);
        if (!parts.matches()) {
            throw ApiException.invalidInput("FindingAggregatorArn '" + arn + "' is not a finding aggregator ARN "
                    + "(arn:aws:securityhub:<region>:<account>:finding-aggregator/<id>); ListFindingAggregators gives it");
        }
        return parts;
    }

    private static ApiException notFound(String arn) {
        return ApiException.notFound("No finding aggregator has the ARN '" + arn + "'; ListFindingAggregators gives the account's");
    }
}
