package io.muster.account;

/**
 * Fired (CDI event, synchronously, inside the creating transaction) when CreateMembers adds an account to
 * Muster's account registry, so that the hub can enable Security Hub for it when the organization
 * configuration says new members are enabled automatically.
 */
public record MemberAccountCreated(String accountId, String region) {
}
