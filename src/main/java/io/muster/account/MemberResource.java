package io.muster.account;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.QueryParameters;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Security Hub's member operations on its paths, and UpdateMember (extension) to name an account. */
@Path("/members")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    Members members;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "CreateMembers", changesState = true)
    public String create(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateMembers")).allowOnly("AccountDetails");
        List<Members.Details> details = new ArrayList<>();
        for (JsonInput account : request.member("AccountDetails").require().elements()) {
            account.require().requireObject().allowOnly("AccountId", "Email", "AccountName");
            details.add(new Members.Details(account.member("AccountId").require().text(), nonBlank(account.member("Email"), 1024),
                    nonBlank(account.member("AccountName"), 256)));
        }
        return Json.write(unprocessed(Json.object(), members.create(details, caller.get())));
    }

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetMembers")
    public String get(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetMembers")).allowOnly("AccountIds");
        Members.Found found = members.get(accountIds(request), caller.get().scope());
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Members");
        found.members().forEach(member -> list.add(member(member)));
        return Json.write(unprocessed(answer, found.unprocessed()));
    }

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "ListMembers")
    public String list(@QueryParam("OnlyAssociated") String onlyAssociated, @QueryParam("MaxResults") String maxResults,
            @QueryParam("NextToken") String nextToken) {
        Members.Page page = members.list(caller.get().scope(), onlyAssociated(onlyAssociated), nextToken,
                QueryParameters.maxResults(maxResults, Members.MAX_LIST_RESULTS, Members.MAX_LIST_RESULTS));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Members");
        page.members().forEach(member -> list.add(member(member)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    @POST
    @Path("/delete")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteMembers", changesState = true)
    public String delete(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "DeleteMembers")).allowOnly("AccountIds");
        return Json.write(unprocessed(Json.object(), members.delete(accountIds(request), caller.get().scope())));
    }

    @POST
    @Path("/disassociate")
    @Requires(value = Permission.ADMINISTER, operation = "DisassociateMembers", changesState = true)
    public String disassociate(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "DisassociateMembers")).allowOnly("AccountIds");
        members.disassociate(accountIds(request), caller.get().scope());
        return "{}";
    }

    @PATCH
    @Path("/{accountId}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateMember", changesState = true)
    public String update(@PathParam("accountId") String accountId, InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateMember")).allowOnly("Email", "AccountName");
        JsonInput email = request.member("Email");
        JsonInput name = request.member("AccountName");
        if (!email.isPresent() && !name.isPresent()) {
            throw ApiException.invalidInput("UpdateMember needs Email or AccountName (an empty string removes it)");
        }
        Member member = members.update(accountId, clearable(email, 1024), clearable(name, 256), caller.get().scope());
        ObjectNode answer = Json.object();
        answer.set("Member", member(member));
        return Json.write(answer);
    }

    /** Security Hub's Member, with Muster's AccountName. */
    ObjectNode member(Member member) {
        ObjectNode node = Json.object().put("AccountId", member.accountId());
        if (member.email() != null) {
            node.put("Email", member.email());
        }
        if (member.accountName() != null) {
            node.put("AccountName", member.accountName());
        }
        return node.put("AdministratorId", members.administratorId()).put("MasterId", members.administratorId())
                .put("MemberStatus", member.status()).put("InvitedAt", member.invitedAt().toString())
                .put("UpdatedAt", member.updatedAt().toString());
    }

    private static List<String> accountIds(JsonInput request) {
        List<String> ids = new ArrayList<>();
        for (JsonInput id : request.member("AccountIds").require().elements()) {
            ids.add(id.require().text());
        }
        return ids;
    }

    private static ObjectNode unprocessed(ObjectNode answer, List<Members.Unprocessed> unprocessed) {
        ArrayNode list = answer.putArray("UnprocessedAccounts");
        unprocessed.forEach(item -> list.addObject().put("AccountId", item.accountId()).put("ProcessingResult", item.processingResult()));
        return answer;
    }

    /** OnlyAssociated: true unless the caller says false, as AWS's default is. */
    private static boolean onlyAssociated(String raw) {
        if (raw == null || raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.invalidInput("OnlyAssociated must be true or false, not '" + raw + "'");
    }

    /** A NonEmptyString member: absent, or text with a character other than white space. */
    private static String nonBlank(JsonInput member, int maxLength) {
        String value = member.text(1, maxLength);
        if (value != null && value.isBlank()) {
            throw ApiException.invalidInput(member.path() + " must not be blank");
        }
        return value;
    }

    /** Like {@link #nonBlank}, but an empty string is a value: it removes what was set. */
    private static String clearable(JsonInput member, int maxLength) {
        String value = member.text(0, maxLength);
        return value == null || value.isEmpty() ? value : nonBlank(member, maxLength);
    }
}
