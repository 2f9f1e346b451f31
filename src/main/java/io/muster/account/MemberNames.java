package io.muster.account;

import io.muster.finding.FindingNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Account names from the registry, for the import pipeline: a finding imported for a member with a name gets it
 * as {@code AwsAccountName} when its provider sent none. Names are looked up once per account every
 * {@link #FRESH_FOR_NANOS} and forgotten at once when this replica changes them, so a rename made on another
 * replica reaches this one's imports within two seconds.
 */
@ApplicationScoped
public class MemberNames implements FindingNames {

    static final long FRESH_FOR_NANOS = 2_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private record Looked(Optional<String> name, long at) {
    }

    private final ConcurrentHashMap<String, Looked> remembered = new ConcurrentHashMap<>();

    @Inject
    MemberStore store;

    @Override
    public Optional<String> accountName(String awsAccountId) {
        if (awsAccountId == null || !ACCOUNT_ID.matcher(awsAccountId).matches()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Looked looked = remembered.get(awsAccountId);
        if (looked != null && now - looked.at() < FRESH_FOR_NANOS) {
            return looked.name();
        }
        Optional<String> name = store.name(awsAccountId);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(awsAccountId, new Looked(name, now));
        return name;
    }

    /** Drops what this replica remembers of the account, after a change to its name. */
    void forget(String accountId) {
        if (accountId != null) {
            remembered.remove(accountId);
        }
    }
}
