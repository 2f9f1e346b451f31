package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.ApiException;
import io.muster.api.JsonInput;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.format.AsffTime;
import io.muster.auth.Caller;
import io.muster.db.Transactions;
import io.muster.format.AsffValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchUpdateFindings: analysts' decisions about up to 100 findings, through the same
 * {@link FindingWriter} as imports. Identifiers that are repeated, unknown or whose finding cannot take
 * the update come back in UnprocessedFindings with Security Hub's error codes; the rest are updated
 * together. A finding outside the caller's account scope is reported as not found: the caller cannot
 * tell it from one that does not exist.
 */
@ApplicationScoped
public class FindingUpdater {

    public static final int MAX_IDENTIFIERS = 100;

    /** The answer: identifiers processed, and the others with the reason. */
    public record Result(List<FindingKey> processed, List<Unprocessed> unprocessed) {
    }

    public record Unprocessed(FindingKey key, String errorCode, String errorMessage) {
    }

    @Inject
    FindingWriter writer;

    @Inject
    Transactions transactions;

    @Inject
    FindingSearch search;

    public Result update(JsonInput request, Caller caller) {
        request.allowOnly("FindingIdentifiers", "Note", "Severity", "VerificationState", "Confidence", "Criticality",
                "Types", "UserDefinedFields", "Workflow", "RelatedFindings");
        List<JsonInput> identifiers = request.member("FindingIdentifiers").require().elements(1, MAX_IDENTIFIERS);
        AnalystUpdate update = AnalystUpdate.parse(request);
        List<Unprocessed> unprocessed = new ArrayList<>();
        Set<FindingKey> keys = new LinkedHashSet<>();
        for (JsonInput identifier : identifiers) {
            identifier.requireObject().allowOnly("Id", "ProductArn");
            FindingKey key = new FindingKey(identifier.member("ProductArn").require().text(1, 2048),
                    identifier.member("Id").require().text(1, 512));
            if (!keys.add(key)) {
                unprocessed.add(new Unprocessed(key, "DuplicatedFindingIdentifier", "Finding Identifier is duplicated"));
            }
        }
        ChangeSource source = ChangeSource.updatedBy(caller.identity());
        return transactions.inTransaction(connection -> {
            List<Unprocessed> refused = new ArrayList<>(unprocessed);
            List<FindingKey> processed = new ArrayList<>();
            Map<FindingKey, FindingState> states = writer.lock(connection, keys, caller.scope());
            Instant now = Instant.now();
            for (FindingKey key : keys) {
                FindingState state = states.get(key);
                if (!state.exists() || !state.inScope()) {
                    refused.add(new Unprocessed(key, "FindingNotFound", "Finding Not Found"));
                    continue;
                }
                ObjectNode updated = update.applyTo(state.document(), now);
                String refusal = AnalystUpdate.refusal(updated);
                if (refusal != null) {
                    refused.add(new Unprocessed(key, "InvalidInput", refusal));
                    continue;
                }
                if (Json.write(updated).getBytes(StandardCharsets.UTF_8).length > AsffValidator.MAX_FINDING_BYTES) {
                    refused.add(new Unprocessed(key, "FindingSizeExceeded", "Finding size exceeded 240 KB"));
                    continue;
                }
                state.apply(FindingChange.update(now, source, FindingDiff.between(state.document(), updated), updated),
                        state.analystFields() | update.analystFields());
                processed.add(key);
            }
            writer.write(connection, states.values(), caller.scope());
            return new Result(processed, refused);
        });
    }

    /**
     * UpdateFindings (deprecated by Security Hub, kept for old tools): sets Note and/or RecordState on every
     * finding the filter matches within the caller's scope, a hundred findings per transaction. Returns how
     * many findings it changed. Unlike Security Hub, Muster records these changes in the findings' history.
     */
    public int updateByFilter(JsonInput request, Caller caller) {
        request.allowOnly("Filters", "Note", "RecordState");
        FindingFilter filter = FilterParser.parse(request.member("Filters").require().requireObject(), Instant.now());
        JsonInput noteInput = request.member("Note").requireObject();
        ObjectNode note = null;
        if (noteInput.isPresent()) {
            noteInput.allowOnly("Text", "UpdatedBy");
            note = Json.object().put("Text", noteInput.member("Text").require().text(1, 512))
                    .put("UpdatedBy", noteInput.member("UpdatedBy").require().text(1, 512));
        }
        String recordState = request.member("RecordState").enumValue(RecordState.class) == null ? null
                : request.member("RecordState").text();
        if (note == null && recordState == null) {
            throw ApiException.invalidInput("UpdateFindings needs Note or RecordState");
        }
        ChangeSource source = ChangeSource.updatedBy(caller.identity());
        ObjectNode newNote = note;
        long after = 0;
        int changed = 0;
        while (true) {
            List<Map.Entry<Long, FindingKey>> page = search.keys(filter, caller.scope(), after, MAX_IDENTIFIERS);
            if (page.isEmpty()) {
                return changed;
            }
            after = page.get(page.size() - 1).getKey();
            Set<FindingKey> keys = new LinkedHashSet<>();
            page.forEach(entry -> keys.add(entry.getValue()));
            changed += transactions.inTransaction(connection -> {
                Map<FindingKey, FindingState> states = writer.lock(connection, keys, caller.scope());
                Instant now = Instant.now();
                for (FindingState state : states.values()) {
                    if (!state.exists() || !state.inScope()) {
                        continue;
                    }
                    ObjectNode updated = state.document().deepCopy();
                    if (newNote != null) {
                        updated.set("Note", newNote.deepCopy().put("UpdatedAt", AsffTime.format(now)));
                    }
                    if (recordState != null) {
                        updated.put("RecordState", recordState);
                    }
                    List<FieldChange> fields = FindingDiff.between(state.document(), updated);
                    if (!fields.isEmpty()) {
                        state.apply(FindingChange.update(now, source, fields, updated), state.analystFields());
                    }
                }
                return writer.write(connection, states.values(), caller.scope());
            });
        }
    }

    enum RecordState { ACTIVE, ARCHIVED }
}
