package io.muster.auth;

import java.util.Set;
import java.util.TreeSet;

/**
 * The part of the findings a caller may see and change: a set of AwsAccountIds (empty: all accounts)
 * and, for producers, a set of ProductArns they may import for (empty: all products). Every read and
 * write of findings takes one, so no path can forget it.
 */
public record AccessScope(Set<String> accounts, Set<String> products) {

    public static final AccessScope UNRESTRICTED = new AccessScope(Set.of(), Set.of());

    public AccessScope {
        accounts = Set.copyOf(accounts);
        products = Set.copyOf(products);
    }

    /** A scope given through the admin API: every account must be a 12-digit AWS account id. */
    public static AccessScope validated(Set<String> accounts, Set<String> products) {
        for (String account : accounts) {
            if (!account.matches("\\d{12}")) {
                throw io.muster.api.ApiException.invalidInput("AccountScope: '" + account + "' is not a 12-digit AWS account id");
            }
        }
        return new AccessScope(accounts, products);
    }

    public boolean isUnrestricted() {
        return accounts.isEmpty() && products.isEmpty();
    }

    public boolean isAccountRestricted() {
        return !accounts.isEmpty();
    }

    public boolean allowsAccount(String awsAccountId) {
        return accounts.isEmpty() || accounts.contains(awsAccountId);
    }

    public boolean allowsProduct(String productArn) {
        return products.isEmpty() || products.contains(productArn);
    }

    /** Accounts in a stable order, for SQL parameters. */
    public Set<String> sortedAccounts() {
        return new TreeSet<>(accounts);
    }
}
