package io.muster.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.MusterConfig;
import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AccessDeniedException;
import software.amazon.awssdk.services.securityhub.model.AccountDetails;
import software.amazon.awssdk.services.securityhub.model.GetMembersResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ListMembersResponse;
import software.amazon.awssdk.services.securityhub.model.Member;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.Result;

/**
 * Muster's account registry through the AWS SDK for Java v2's member operations: CreateMembers, GetMembers,
 * ListMembers, DisassociateMembers, DeleteMembers and GetAdministratorAccount, with the member-created event,
 * unprocessed accounts and the caller's account scope.
 */
@QuarkusTest
class MembersSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    MusterConfig config;

    @Inject
    MemberEvents events;

    private SecurityHubClient admin;

    @BeforeEach
    void connect() {
        admin = Sdk.securityHub(endpoint);
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void createdMembersAreAssociatedAtOnceWithMusterAsTheirAdministrator() {
        String a = Accounts.fresh();
        String b = Accounts.fresh();
        Instant before = Instant.now().minusSeconds(1);

        List<Result> unprocessed = admin.createMembers(r -> r.accountDetails(
                AccountDetails.builder().accountId(a).email("security@a.example").build(),
                AccountDetails.builder().accountId(b).build())).unprocessedAccounts();
        assertThat(unprocessed).isEmpty();

        GetMembersResponse got = admin.getMembers(r -> r.accountIds(a, b));
        assertThat(got.unprocessedAccounts()).isEmpty();
        Map<String, Member> byId = got.members().stream().collect(Collectors.toMap(Member::accountId, m -> m));
        Member memberA = byId.get(a);
        assertThat(memberA.email()).isEqualTo("security@a.example");
        assertThat(memberA.administratorId()).isEqualTo(config.accountId());
        assertThat(memberA.masterId()).isEqualTo(config.accountId());
        assertThat(memberA.memberStatus()).isEqualTo("Enabled");
        assertThat(memberA.invitedAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(memberA.updatedAt()).isEqualTo(memberA.invitedAt());
        assertThat(byId.get(b).email()).isNull();

        // each account created fires the event the hub observes, with the caller's Region (the SDK signs for us-east-1)
        assertThat(events.of(a)).containsExactly(new MemberAccountCreated(a, "us-east-1"));
        assertThat(events.of(b)).containsExactly(new MemberAccountCreated(b, "us-east-1"));
    }

    @Test
    void invalidDuplicateAndExistingAccountsComeBackUnprocessedWhileTheOthersAreAdded() {
        String existing = Accounts.fresh();
        String added = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(existing).build()));

        List<Result> unprocessed = admin.createMembers(r -> r.accountDetails(
                AccountDetails.builder().accountId(added).build(),
                AccountDetails.builder().accountId(added).build(),
                AccountDetails.builder().accountId("12345").build(),
                AccountDetails.builder().accountId("12345678901x").build(),
                AccountDetails.builder().accountId(existing).build(),
                AccountDetails.builder().accountId(config.accountId()).build())).unprocessedAccounts();

        Map<String, List<String>> reasons = unprocessed.stream().collect(Collectors.groupingBy(Result::accountId,
                Collectors.mapping(Result::processingResult, Collectors.toList())));
        assertThat(reasons).containsOnlyKeys(added, "12345", "12345678901x", existing, config.accountId());
        assertThat(reasons.get(added)).singleElement().asString().contains("more than once");
        assertThat(reasons.get("12345")).singleElement().asString().contains("12 digits");
        assertThat(reasons.get("12345678901x")).singleElement().asString().contains("12 digits");
        assertThat(reasons.get(existing)).singleElement().asString().contains("already a member");
        assertThat(reasons.get(config.accountId())).singleElement().asString().contains("administrator account");
        assertThat(admin.getMembers(r -> r.accountIds(added)).members()).extracting(Member::accountId).containsExactly(added);
        assertThat(events.of(added)).hasSize(1);
        assertThat(events.of(existing)).hasSize(1);
    }

    @Test
    void getMembersReportsAccountsThatAreNotMembers() {
        String member = Accounts.fresh();
        String stranger = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(member).build()));

        GetMembersResponse got = admin.getMembers(r -> r.accountIds(member, stranger, "not-an-account"));

        assertThat(got.members()).extracting(Member::accountId).containsExactly(member);
        assertThat(got.unprocessedAccounts()).extracting(Result::accountId).containsExactlyInAnyOrder(stranger, "not-an-account");
        assertThat(got.unprocessedAccounts()).filteredOn(r -> r.accountId().equals(stranger)).singleElement()
                .extracting(Result::processingResult).asString().contains("not a member");
    }

    @Test
    void listMembersPagesInAccountOrderWithinTheCallersScope() {
        List<String> mine = new ArrayList<>(List.of(Accounts.fresh(), Accounts.fresh(), Accounts.fresh()));
        String outsider = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(mine.stream().map(id -> AccountDetails.builder().accountId(id).build()).toList()));
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(outsider).build()));
        mine.sort(null);
        TestCallers.TestCaller scoped = TestCallers.accessKey("VIEWER", mine, List.of());

        try (SecurityHubClient viewer = Accounts.client(endpoint, scoped, Region.US_EAST_1)) {
            ListMembersResponse first = viewer.listMembers(r -> r.maxResults(2));
            assertThat(first.members()).extracting(Member::accountId).containsExactly(mine.get(0), mine.get(1));
            assertThat(first.nextToken()).isNotBlank();
            ListMembersResponse second = viewer.listMembers(r -> r.maxResults(2).nextToken(first.nextToken()));
            assertThat(second.members()).extracting(Member::accountId).containsExactly(mine.get(2));
            assertThat(second.nextToken()).isNull();

            assertThatThrownBy(() -> viewer.listMembers(r -> r.maxResults(51))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("MaxResults");
            assertThatThrownBy(() -> viewer.listMembers(r -> r.nextToken("forged"))).isInstanceOf(InvalidInputException.class);
            // a viewer reads members but may not change them
            assertThatThrownBy(() -> viewer.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(mine.get(0)).build())))
                    .isInstanceOf(AccessDeniedException.class);
        }
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListMembersResponse answer = admin.listMembers(r -> r.maxResults(50).nextToken(page));
            answer.members().forEach(m -> all.add(m.accountId()));
            token = answer.nextToken();
        } while (token != null);
        assertThat(all).contains(outsider).containsAll(mine).isSorted();
    }

    @Test
    void disassociatedMembersLeaveTheAssociatedListAndLoseTheirAdministratorUntilCreatedAgain() {
        String kept = Accounts.fresh();
        String removed = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(kept).build(),
                AccountDetails.builder().accountId(removed).email("ops@removed.example").build()));
        TestCallers.TestCaller keptCaller = TestCallers.accessKey("VIEWER", List.of(kept), List.of());
        TestCallers.TestCaller removedCaller = TestCallers.accessKey("VIEWER", List.of(removed), List.of());
        TestCallers.TestCaller both = TestCallers.accessKey("ADMIN", List.of(kept, removed), List.of());

        try (SecurityHubClient ofKept = Accounts.client(endpoint, keptCaller, Region.US_EAST_1);
                SecurityHubClient ofRemoved = Accounts.client(endpoint, removedCaller, Region.EU_WEST_1);
                SecurityHubClient scopedAdmin = Accounts.client(endpoint, both, Region.EU_WEST_1)) {
            var administrator = ofRemoved.getAdministratorAccount(r -> { }).administrator();
            assertThat(administrator.accountId()).isEqualTo(config.accountId());
            assertThat(administrator.memberStatus()).isEqualTo("Enabled");
            assertThat(administrator.invitedAt()).isNotNull();
            assertThat(administrator.invitationId()).isNull();
            // GetMasterAccount, AWS's deprecated name, answers the same
            assertThat(ofRemoved.getMasterAccount(r -> { }).master()).isEqualTo(administrator);

            scopedAdmin.disassociateMembers(r -> r.accountIds(removed));

            assertThat(scopedAdmin.listMembers(r -> { }).members()).extracting(Member::accountId).containsExactly(kept);
            List<Member> all = scopedAdmin.listMembers(r -> r.onlyAssociated(false)).members();
            assertThat(all).extracting(Member::accountId).containsExactlyInAnyOrder(kept, removed).isSorted();
            Member disassociated = all.stream().filter(m -> m.accountId().equals(removed)).findFirst().orElseThrow();
            assertThat(disassociated.memberStatus()).isEqualTo("Removed");
            assertThat(disassociated.updatedAt()).isAfter(disassociated.invitedAt());
            assertThat(ofRemoved.getAdministratorAccount(r -> { }).administrator()).isNull();
            assertThat(ofRemoved.getMasterAccount(r -> { }).master()).isNull();
            assertThat(ofKept.getAdministratorAccount(r -> { }).administrator().accountId()).isEqualTo(config.accountId());

            // CreateMembers associates it again, keeping its email, and fires the event again (in the caller's Region)
            assertThat(scopedAdmin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(removed).build()))
                    .unprocessedAccounts()).isEmpty();
            Member again = scopedAdmin.getMembers(r -> r.accountIds(removed)).members().get(0);
            assertThat(again.memberStatus()).isEqualTo("Enabled");
            assertThat(again.email()).isEqualTo("ops@removed.example");
            assertThat(events.of(removed)).extracting(MemberAccountCreated::region).containsExactly("us-east-1", "eu-west-1");
            assertThat(ofRemoved.getAdministratorAccount(r -> { }).administrator().memberStatus()).isEqualTo("Enabled");
        }
    }

    @Test
    void disassociatingIsAllOrNothing() {
        String member = Accounts.fresh();
        String stranger = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(member).build()));

        assertThatThrownBy(() -> admin.disassociateMembers(r -> r.accountIds(member, stranger)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(stranger);
        assertThatThrownBy(() -> admin.disassociateMembers(r -> r.accountIds(member, "42"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'42'");
        assertThat(admin.getMembers(r -> r.accountIds(member)).members().get(0).memberStatus()).isEqualTo("Enabled");
    }

    @Test
    void deletedMembersLeaveTheRegistry() {
        String member = Accounts.fresh();
        String stranger = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(member).build()));

        List<Result> unprocessed = admin.deleteMembers(r -> r.accountIds(member, stranger)).unprocessedAccounts();

        assertThat(unprocessed).extracting(Result::accountId).containsExactly(stranger);
        assertThat(admin.getMembers(r -> r.accountIds(member)).members()).isEmpty();
        assertThat(admin.deleteMembers(r -> r.accountIds(member)).unprocessedAccounts()).extracting(Result::accountId)
                .containsExactly(member);
        // deleted, it can be created again
        assertThat(admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(member).build())).unprocessedAccounts())
                .isEmpty();
    }

    @Test
    void anotherTenantNeitherSeesNorChangesMembersOutsideItsScope() {
        String theirs = Accounts.fresh();
        String mine = Accounts.fresh();
        admin.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(theirs).build()));
        TestCallers.TestCaller tenant = TestCallers.accessKey("ADMIN", List.of(mine), List.of());

        try (SecurityHubClient other = Accounts.client(endpoint, tenant, Region.US_EAST_1)) {
            assertThat(other.createMembers(r -> r.accountDetails(AccountDetails.builder().accountId(mine).build(),
                    AccountDetails.builder().accountId(Accounts.fresh()).build())).unprocessedAccounts())
                    .singleElement().extracting(Result::processingResult).asString().contains("outside the caller's account scope");
            GetMembersResponse got = other.getMembers(r -> r.accountIds(theirs, mine));
            assertThat(got.members()).extracting(Member::accountId).containsExactly(mine);
            assertThat(got.unprocessedAccounts()).extracting(Result::accountId).containsExactly(theirs);
            assertThat(other.listMembers(r -> r.onlyAssociated(false)).members()).extracting(Member::accountId).containsExactly(mine);
            assertThat(other.deleteMembers(r -> r.accountIds(theirs)).unprocessedAccounts()).extracting(Result::accountId)
                    .containsExactly(theirs);
            assertThatThrownBy(() -> other.disassociateMembers(r -> r.accountIds(theirs))).isInstanceOf(ResourceNotFoundException.class);
        }
        Member untouched = admin.getMembers(r -> r.accountIds(theirs)).members().get(0);
        assertThat(untouched.memberStatus()).isEqualTo("Enabled");
        assertThat(Duration.between(untouched.invitedAt(), untouched.updatedAt())).isZero();
    }

    @Test
    void anUnscopedCallerActsAsMustersOwnAccountWhichHasNoAdministrator() {
        assertThat(admin.getAdministratorAccount(r -> { }).administrator()).isNull();
        assertThat(admin.getMasterAccount(r -> { }).master()).isNull();
    }
}
