package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.format.AsffTime;
import io.muster.format.FindingTypes;
import java.time.Instant;
import java.util.Map;

/**
 * The fields of a BatchUpdateFindings request — the nine an analyst may change (Note, Severity,
 * VerificationState, Confidence, Criticality, Types, UserDefinedFields, Workflow, RelatedFindings) —
 * validated as Security Hub does, and how they apply to one finding. UpdatedAt never changes; setting
 * Severity, Types, Confidence, Criticality or RelatedFindings marks that field as the analyst's, so
 * provider updates stop overwriting it.
 */
public final class AnalystUpdate {

    static final int MAX_USER_DEFINED_FIELDS = 50;

    private final ObjectNode note;
    private final ObjectNode severity;
    private final String verificationState;
    private final Integer confidence;
    private final Integer criticality;
    private final ArrayNode types;
    private final Map<String, JsonInput> userDefinedFields;
    private final String workflowStatus;
    private final ArrayNode relatedFindings;

    private AnalystUpdate(JsonInput request) {
        JsonInput noteInput = request.member("Note").requireObject();
        if (noteInput.isPresent()) {
            noteInput.allowOnly("Text", "UpdatedBy");
            note = Json.object()
                    .put("Text", noteInput.member("Text").require().text(1, 512))
                    .put("UpdatedBy", noteInput.member("UpdatedBy").require().text(1, 512));
        } else {
            note = null;
        }
        JsonInput severityInput = request.member("Severity").requireObject();
        if (severityInput.isPresent()) {
            severityInput.allowOnly("Label", "Normalized", "Product");
            severity = Json.object();
            Severity label = severityInput.member("Label").enumValue(Severity.class);
            Integer normalized = severityInput.member("Normalized").integer(0, 100);
            Double product = severityInput.member("Product").number();
            if (label == null && normalized == null && product == null) {
                throw ApiException.invalidInput("Severity needs Label, Normalized or Product");
            }
            if (label != null) {
                severity.put("Label", label.name());
            }
            if (normalized != null) {
                severity.put("Normalized", normalized);
            }
            if (product != null) {
                severity.put("Product", product);
            }
        } else {
            severity = null;
        }
        VerificationState verification = request.member("VerificationState").enumValue(VerificationState.class);
        verificationState = verification == null ? null : verification.name();
        confidence = request.member("Confidence").integer(0, 100);
        criticality = request.member("Criticality").integer(0, 100);
        JsonInput typesInput = request.member("Types");
        if (typesInput.isPresent()) {
            types = Json.MAPPER.createArrayNode();
            for (JsonInput type : typesInput.elements(0, FindingTypes.MAX_TYPES)) {
                String text = type.require().text();
                String problem = FindingTypes.problem(text);
                if (problem != null) {
                    throw ApiException.invalidInput(type.path() + ": " + problem);
                }
                types.add(text);
            }
        } else {
            types = null;
        }
        userDefinedFields = request.member("UserDefinedFields").members();
        for (var field : userDefinedFields.entrySet()) {
            if (field.getKey().isEmpty() || field.getKey().length() > 128) {
                throw ApiException.invalidInput("UserDefinedFields: keys must be 1 to 128 characters long");
            }
            field.getValue().require().text(0, 1024);
        }
        JsonInput workflow = request.member("Workflow").requireObject();
        if (workflow.isPresent()) {
            workflow.allowOnly("Status");
            workflowStatus = workflow.member("Status").require().enumValue(WorkflowStatus.class).name();
        } else {
            workflowStatus = null;
        }
        JsonInput related = request.member("RelatedFindings");
        if (related.isPresent()) {
            relatedFindings = Json.MAPPER.createArrayNode();
            for (JsonInput finding : related.elements(0, 10)) {
                finding.requireObject().allowOnly("ProductArn", "Id");
                relatedFindings.addObject()
                        .put("ProductArn", finding.member("ProductArn").require().text(12, 2048))
                        .put("Id", finding.member("Id").require().text(1, 512));
            }
        } else {
            relatedFindings = null;
        }
        if (note == null && severity == null && verificationState == null && confidence == null && criticality == null
                && types == null && userDefinedFields.isEmpty() && workflowStatus == null && relatedFindings == null) {
            throw ApiException.invalidInput("BatchUpdateFindings needs at least one field to update: Note, Severity, "
                    + "VerificationState, Confidence, Criticality, Types, UserDefinedFields, Workflow or RelatedFindings");
        }
    }

    enum WorkflowStatus { NEW, NOTIFIED, RESOLVED, SUPPRESSED }

    enum VerificationState { UNKNOWN, TRUE_POSITIVE, FALSE_POSITIVE, BENIGN_POSITIVE }

    public static AnalystUpdate parse(JsonInput request) {
        return new AnalystUpdate(request);
    }

    /** The analyst fields this update sets, as {@link AnalystField} bits. */
    public int analystFields() {
        int bits = 0;
        bits |= severity != null ? AnalystField.SEVERITY.bit() : 0;
        bits |= types != null ? AnalystField.TYPES.bit() : 0;
        bits |= confidence != null ? AnalystField.CONFIDENCE.bit() : 0;
        bits |= criticality != null ? AnalystField.CRITICALITY.bit() : 0;
        bits |= relatedFindings != null ? AnalystField.RELATED_FINDINGS.bit() : 0;
        return bits;
    }

    /** The finding after this update; {@link #refusal(ObjectNode)} says whether it may be stored. */
    public ObjectNode applyTo(ObjectNode current, Instant now) {
        ObjectNode finding = current.deepCopy();
        if (note != null) {
            finding.set("Note", note.deepCopy().put("UpdatedAt", AsffTime.format(now)));
        }
        if (severity != null) {
            ObjectNode merged = finding.has("Severity") ? (ObjectNode) finding.get("Severity") : finding.putObject("Severity");
            if (severity.has("Label") && !severity.has("Normalized")) {
                merged.remove("Normalized");
            } else if (severity.has("Normalized") && !severity.has("Label")) {
                merged.remove("Label");
            }
            merged.setAll(severity);
            Severity.complete(merged);
        }
        if (verificationState != null) {
            finding.put("VerificationState", verificationState);
        }
        if (confidence != null) {
            finding.put("Confidence", confidence);
        }
        if (criticality != null) {
            finding.put("Criticality", criticality);
        }
        if (types != null) {
            finding.set("Types", types.deepCopy());
        }
        if (!userDefinedFields.isEmpty()) {
            ObjectNode fields = finding.has("UserDefinedFields") ? (ObjectNode) finding.get("UserDefinedFields")
                    : finding.putObject("UserDefinedFields");
            for (var field : userDefinedFields.entrySet()) {
                String value = field.getValue().text();
                if (value.isEmpty()) {
                    fields.remove(field.getKey());
                } else {
                    fields.put(field.getKey(), value);
                }
            }
            if (fields.isEmpty()) {
                finding.remove("UserDefinedFields");
            }
        }
        if (workflowStatus != null) {
            JsonNode workflow = finding.get("Workflow");
            (workflow instanceof ObjectNode object ? object : finding.putObject("Workflow")).put("Status", workflowStatus);
        }
        if (relatedFindings != null) {
            if (relatedFindings.isEmpty()) {
                finding.remove("RelatedFindings");
            } else {
                finding.set("RelatedFindings", relatedFindings.deepCopy());
            }
        }
        return finding;
    }

    /** Why an updated finding cannot be stored, or null when it can. */
    public static String refusal(ObjectNode updated) {
        if (updated.path("UserDefinedFields").size() > MAX_USER_DEFINED_FIELDS) {
            return "UserDefinedFields would have " + updated.path("UserDefinedFields").size()
                    + " entries; a finding may have at most " + MAX_USER_DEFINED_FIELDS;
        }
        return null;
    }
}
