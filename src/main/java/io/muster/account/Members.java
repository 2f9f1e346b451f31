package io.muster.account;

import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.PageToken;
import io.muster.auth.AccessScope;
import io.muster.auth.Caller;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Muster's account registry, as Security Hub's member operations: every member's administrator is Muster's own
 * account ({@code muster.account-id}). Muster sends no invitations, so a created member is associated at once
 * (MemberStatus {@value #ENABLED}, as AWS reports accounts an administrator enables directly) and
 * {@value #REMOVED} after DisassociateMembers, until CreateMembers associates it again. A caller scoped to some
 * accounts sees and changes only the members among them. Each account CreateMembers associates fires
 * {@link MemberAccountCreated} inside the creating transaction.
 */
@ApplicationScoped
public class Members {

    public static final String ENABLED = "Enabled";
    public static final String REMOVED = "Removed";
    public static final int MAX_LIST_RESULTS = 50;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** One element of CreateMembers' AccountDetails; {@code accountName} is Muster's extension. */
    public record Details(String accountId, String email, String accountName) {
    }

    /** An account an operation did not process, and why: Security Hub's Result. */
    public record Unprocessed(String accountId, String processingResult) {
    }

    public record Found(List<Member> members, List<Unprocessed> unprocessed) {
    }

    public record Page(List<Member> members, String nextToken) {
    }

    @Inject
    MemberStore store;

    @Inject
    MemberNames names;

    @Inject
    Transactions transactions;

    @Inject
    MusterConfig config;

    @Inject
    Event<MemberAccountCreated> created;

    /** CreateMembers: associates each account, or says why not; returns those not processed. */
    public List<Unprocessed> create(List<Details> accounts, Caller caller) {
        String region = caller.regionOr(config.region());
        List<Unprocessed> unprocessed = transactions.inTransaction(connection -> {
            List<Unprocessed> refused = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (Details details : accounts) {
                String id = details.accountId();
                String refusal = refusal(id, caller.scope());
                if (refusal == null && !seen.add(id)) {
                    refusal = "AccountId " + id + " appears more than once in AccountDetails; it was processed once";
                }
                if (refusal == null && id.equals(config.accountId())) {
                    refusal = "Account " + id + " is Muster's administrator account and cannot be a member of itself";
                }
                Optional<Member> existing = refusal == null ? store.find(connection, id) : Optional.empty();
                if (existing.isPresent() && existing.get().isAssociated()) {
                    refusal = "Account " + id + " is already a member (MemberStatus " + ENABLED + ")";
                }
                if (refusal != null) {
                    refused.add(new Unprocessed(id, refusal));
                    continue;
                }
                if (existing.isPresent()) {
                    Member before = existing.get();
                    store.replace(connection, new Member(id, details.email() != null ? details.email() : before.email(),
                            details.accountName() != null ? details.accountName() : before.accountName(), ENABLED, now, now));
                } else {
                    store.insert(connection, new Member(id, details.email(), details.accountName(), ENABLED, now, now));
                }
                created.fire(new MemberAccountCreated(id, region));
            }
            return refused;
        });
        accounts.forEach(details -> names.forget(details.accountId()));
        return unprocessed;
    }

    /** GetMembers: the members among these accounts; the others (or those outside the caller's scope) unprocessed. */
    public Found get(List<String> accountIds, AccessScope scope) {
        List<Unprocessed> unprocessed = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : accountIds) {
            String refusal = refusal(id, scope);
            if (refusal != null) {
                unprocessed.add(new Unprocessed(id, refusal));
            } else {
                wanted.add(id);
            }
        }
        Map<String, Member> found = store.findAll(wanted).stream().collect(Collectors.toMap(Member::accountId, Function.identity()));
        List<Member> members = new ArrayList<>();
        for (String id : wanted) {
            Member member = found.get(id);
            if (member == null) {
                unprocessed.add(new Unprocessed(id, notAMember(id)));
            } else {
                members.add(member);
            }
        }
        return new Found(members, unprocessed);
    }

    /** ListMembers, in account id order; {@code onlyAssociated} (AWS's default) leaves out disassociated members. */
    public Page list(AccessScope scope, boolean onlyAssociated, String nextToken, int maxResults) {
        String after = null;
        if (nextToken != null) {
            var token = PageToken.decode(nextToken);
            if (!token.path("a").isTextual() || token.path("o").asBoolean(!onlyAssociated) != onlyAssociated) {
                throw PageToken.invalid();
            }
            after = token.path("a").textValue();
        }
        List<Member> members = store.page(scope.sortedAccounts(), onlyAssociated, after, maxResults + 1);
        if (members.size() <= maxResults) {
            return new Page(members, null);
        }
        List<Member> page = members.subList(0, maxResults);
        String next = PageToken.encode(Json.object().put("a", page.get(maxResults - 1).accountId()).put("o", onlyAssociated));
        return new Page(List.copyOf(page), next);
    }

    /** DeleteMembers: removes the accounts from the registry; returns those that are not members. */
    public List<Unprocessed> delete(List<String> accountIds, AccessScope scope) {
        List<Unprocessed> unprocessed = transactions.inTransaction(connection -> {
            List<Unprocessed> refused = new ArrayList<>();
            for (String id : accountIds) {
                String refusal = refusal(id, scope);
                if (refusal == null && !store.delete(connection, id)) {
                    refusal = notAMember(id);
                }
                if (refusal != null) {
                    refused.add(new Unprocessed(id, refusal));
                }
            }
            return refused;
        });
        accountIds.forEach(names::forget);
        return unprocessed;
    }

    /**
     * DisassociateMembers: sets each member's status to {@value #REMOVED}. All or nothing: an account id that is
     * not valid is InvalidInputException, one that is not a member (within the caller's scope)
     * ResourceNotFoundException, and then no member changes.
     */
    public void disassociate(List<String> accountIds, AccessScope scope) {
        for (String id : accountIds) {
            requireAccountId(id, "AccountIds");
        }
        transactions.inTransaction(connection -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Member> members = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : new LinkedHashSet<>(accountIds)) {
                Optional<Member> member = scope.allowsAccount(id) ? store.find(connection, id) : Optional.empty();
                member.ifPresentOrElse(members::add, () -> missing.add(id));
            }
            if (!missing.isEmpty()) {
                throw ApiException.notFound("Not members of this administrator account: " + String.join(", ", missing)
                        + "; no member was disassociated");
            }
            for (Member member : members) {
                if (member.isAssociated()) {
                    store.replace(connection, new Member(member.accountId(), member.email(), member.accountName(), REMOVED,
                            member.invitedAt(), now));
                }
            }
            return null;
        });
    }

    /**
     * UpdateMember (Muster's extension): changes a member's Email or AccountName; null keeps a value, an empty
     * string removes it.
     */
    public Member update(String accountId, String email, String accountName, AccessScope scope) {
        requireAccountId(accountId, "AccountId");
        Member updated = transactions.inTransaction(connection -> {
            Member member = (scope.allowsAccount(accountId) ? store.find(connection, accountId) : Optional.<Member>empty())
                    .orElseThrow(() -> ApiException.notFound(notAMember(accountId) + "; CreateMembers adds it"));
            Member changed = new Member(accountId, changed(member.email(), email), changed(member.accountName(), accountName),
                    member.status(), member.invitedAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            store.replace(connection, changed);
            return changed;
        });
        names.forget(accountId);
        return updated;
    }

    /** GetAdministratorAccount: the caller's account's membership, if it is an associated member. */
    public Optional<Member> membershipOf(Caller caller) {
        String account = caller.accountOr(config.accountId());
        return get(List.of(account), caller.scope()).members().stream().filter(Member::isAssociated).findFirst();
    }

    /** Muster's own account: every member's administrator. */
    public String administratorId() {
        return config.accountId();
    }

    private static String changed(String before, String requested) {
        if (requested == null) {
            return before;
        }
        return requested.isEmpty() ? null : requested;
    }

    private static String refusal(String accountId, AccessScope scope) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            return "Invalid AccountId '" + accountId + "': an AWS account id is 12 digits";
        }
        if (!scope.allowsAccount(accountId)) {
            return "Account " + accountId + " is outside the caller's account scope";
        }
        return null;
    }

    static void requireAccountId(String accountId, String member) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw ApiException.invalidInput(member + ": '" + accountId + "' is not an AWS account id (12 digits)");
        }
    }

    private static String notAMember(String accountId) {
        return "Account " + accountId + " is not a member of this administrator account";
    }
}
