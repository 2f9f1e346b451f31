package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.format.AsffTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * What a provider's BatchImportFindings does to a finding, by Security Hub's rules (User Guide,
 * "BatchImportFindings for creating and updating findings"):
 * <ul>
 * <li>a finding is created as sent, with FindingProviderFields and the top-level Severity, Types,
 * Confidence, Criticality and RelatedFindings filled from each other (FindingProviderFields wins);</li>
 * <li>a stored finding is replaced only by a copy with a later UpdatedAt; a copy with the same or an
 * earlier UpdatedAt changes nothing;</li>
 * <li>Note, UserDefinedFields, VerificationState and Workflow keep their values: after creation only
 * analysts change them;</li>
 * <li>Severity, Types, Confidence, Criticality and RelatedFindings: the provider's value always reaches
 * FindingProviderFields, and reaches the top level only while no analyst has set that field;</li>
 * <li>a NOTIFIED or RESOLVED finding goes back to NEW when RecordState goes ARCHIVED → ACTIVE or
 * Compliance.Status goes PASSED → FAILED, WARNING or NOT_AVAILABLE; SUPPRESSED stays.</li>
 * </ul>
 * Pure: no I/O, so every rule is unit-tested directly.
 */
final class ProviderImport {

    private static final List<String> ANALYST_OWNED = List.of("Note", "UserDefinedFields", "VerificationState", "Workflow");
    private static final Set<String> REOPENING_COMPLIANCE = Set.of("FAILED", "WARNING", "NOT_AVAILABLE");
    private static final String FPF = "FindingProviderFields";

    private final String defaultRegion;
    private final FindingNames names;

    ProviderImport(String defaultRegion, FindingNames names) {
        this.defaultRegion = defaultRegion;
        this.names = names;
    }

    ProviderImport(String defaultRegion) {
        this(defaultRegion, new FindingNames() {
        });
    }

    /** Applies one imported copy to the finding's state; returns whether it changed anything. */
    boolean apply(FindingState state, ObjectNode incoming, ChangeSource source, Instant now) {
        if (!state.exists()) {
            ObjectNode created = create(incoming, now);
            state.apply(FindingChange.creation(now, source, created), state.analystFields());
            return true;
        }
        ObjectNode current = state.document();
        if (!isLater(incoming, current)) {
            return false;
        }
        ObjectNode updated = update(current, state.analystFields(), incoming, now);
        state.apply(FindingChange.update(now, source, FindingDiff.between(current, updated), updated), state.analystFields());
        return true;
    }

    ObjectNode create(ObjectNode incoming, Instant now) {
        ObjectNode finding = incoming.deepCopy();
        ObjectNode providerFields = finding.has(FPF) ? (ObjectNode) finding.get(FPF) : finding.putObject(FPF);
        for (AnalystField field : AnalystField.ALL) {
            JsonNode fromProvider = providerFields.get(field.member());
            JsonNode topLevel = finding.get(field.member());
            if (fromProvider != null) {
                finding.set(field.member(), topLevelCopy(field, fromProvider, topLevel));
            } else if (topLevel != null) {
                providerFields.set(field.member(), providerCopy(field, topLevel));
            }
        }
        if (!finding.has("Workflow")) {
            finding.putObject("Workflow");
        }
        if (!((ObjectNode) finding.get("Workflow")).has("Status")) {
            ((ObjectNode) finding.get("Workflow")).put("Status", "NEW");
        }
        if (!finding.has("RecordState")) {
            finding.put("RecordState", "ACTIVE");
        }
        return completed(finding, now);
    }

    ObjectNode update(ObjectNode current, int analystFields, ObjectNode incoming, Instant now) {
        ObjectNode finding = incoming.deepCopy();
        for (String member : ANALYST_OWNED) {
            finding.remove(member);
            if (current.has(member)) {
                finding.set(member, current.get(member).deepCopy());
            }
        }
        if (!finding.has("RecordState")) {
            finding.set("RecordState", current.get("RecordState"));
        }
        ObjectNode providerFields = current.has(FPF) ? ((ObjectNode) current.get(FPF)).deepCopy() : finding.objectNode();
        JsonNode sentProviderFields = incoming.path(FPF);
        for (AnalystField field : AnalystField.ALL) {
            JsonNode fromProvider = sentProviderFields.get(field.member());
            JsonNode topLevel = incoming.get(field.member());
            JsonNode newTopLevel;
            if (fromProvider != null) {
                providerFields.set(field.member(), fromProvider.deepCopy());
                newTopLevel = topLevel != null ? topLevel.deepCopy()
                        : topLevelCopy(field, fromProvider, current.get(field.member()));
            } else if (topLevel != null) {
                providerFields.set(field.member(), providerCopy(field, topLevel));
                newTopLevel = topLevel.deepCopy();
            } else {
                newTopLevel = current.get(field.member());
            }
            if (field.isIn(analystFields) || newTopLevel == null) {
                newTopLevel = current.get(field.member());
            }
            finding.remove(field.member());
            if (newTopLevel != null) {
                finding.set(field.member(), newTopLevel.deepCopy());
            }
        }
        finding.set(FPF, providerFields);
        if (reopens(current, finding)) {
            ((ObjectNode) finding.get("Workflow")).put("Status", "NEW");
        }
        return completed(finding, now);
    }

    /** NOTIFIED/RESOLVED → NEW when a finding comes back: unarchived, or failing again after passing. */
    private static boolean reopens(ObjectNode before, ObjectNode after) {
        String workflow = before.path("Workflow").path("Status").asText("");
        if (!workflow.equals("NOTIFIED") && !workflow.equals("RESOLVED")) {
            return false;
        }
        boolean unarchived = "ARCHIVED".equals(before.path("RecordState").asText())
                && "ACTIVE".equals(after.path("RecordState").asText());
        boolean failingAgain = "PASSED".equals(before.path("Compliance").path("Status").asText())
                && REOPENING_COMPLIANCE.contains(after.path("Compliance").path("Status").asText());
        return unarchived || failingAgain;
    }

    /** The FindingProviderFields form of a top-level value: a severity keeps only Label and Original. */
    private static JsonNode providerCopy(AnalystField field, JsonNode topLevel) {
        if (field != AnalystField.SEVERITY || !topLevel.isObject()) {
            return topLevel.deepCopy();
        }
        ObjectNode severity = ((ObjectNode) topLevel).deepCopy();
        Severity.complete(severity);
        ObjectNode copy = severity.objectNode();
        copy.set("Label", severity.get("Label"));
        if (severity.has("Original")) {
            copy.set("Original", severity.get("Original"));
        }
        return copy;
    }

    /**
     * The top-level form of a FindingProviderFields value. A severity there has only Label and Original,
     * so they are laid over the top-level severity it replaces, which keeps its Product (and its
     * Normalized score while the label stays the same).
     */
    private static JsonNode topLevelCopy(AnalystField field, JsonNode fromProvider, JsonNode replaced) {
        if (field != AnalystField.SEVERITY || !fromProvider.isObject()) {
            return fromProvider.deepCopy();
        }
        ObjectNode severity = replaced instanceof ObjectNode object ? object.deepCopy() : (ObjectNode) fromProvider.deepCopy();
        JsonNode label = fromProvider.get("Label");
        if (label != null && !label.equals(severity.get("Label"))) {
            severity.remove("Normalized");
            severity.set("Label", label);
        }
        if (fromProvider.has("Original")) {
            severity.set("Original", fromProvider.get("Original"));
        }
        Severity.complete(severity);
        return severity;
    }

    /** What Security Hub adds to every stored finding: derived severity, product names, region, ProcessedAt. */
    private ObjectNode completed(ObjectNode finding, Instant now) {
        if (finding.get("Severity") instanceof ObjectNode severity) {
            Severity.complete(severity);
        }
        String productArn = finding.path("ProductArn").asText();
        ProductArn product = ProductArn.parse(productArn);
        FindingNames.ProductNames known = names.product(productArn)
                .orElse(new FindingNames.ProductNames(product.companyId(), product.productId(), false));
        if (known.fixed() || !finding.hasNonNull("ProductName")) {
            finding.put("ProductName", known.productName());
        }
        if (known.fixed() || !finding.hasNonNull("CompanyName")) {
            finding.put("CompanyName", known.companyName());
        }
        if (!finding.hasNonNull("AwsAccountName")) {
            names.accountName(finding.path("AwsAccountId").asText()).ifPresent(name -> finding.put("AwsAccountName", name));
        }
        if (!finding.hasNonNull("Region")) {
            finding.put("Region", product.region().isEmpty() ? defaultRegion : product.region());
        }
        ObjectNode productFields = finding.has("ProductFields") ? (ObjectNode) finding.get("ProductFields")
                : finding.putObject("ProductFields");
        productFields.put("aws/securityhub/FindingId", finding.path("ProductArn").asText() + "/" + finding.path("Id").asText());
        productFields.put("aws/securityhub/ProductName", finding.get("ProductName").asText());
        productFields.put("aws/securityhub/CompanyName", finding.get("CompanyName").asText());
        finding.put("ProcessedAt", AsffTime.format(now));
        return finding;
    }

    /** True when the incoming copy's UpdatedAt is strictly later than the stored one's. */
    static boolean isLater(JsonNode incoming, JsonNode current) {
        OffsetDateTime sent = AsffTime.parse(incoming.path("UpdatedAt").asText()).orElseThrow();
        OffsetDateTime stored = AsffTime.parse(current.path("UpdatedAt").asText()).orElseThrow();
        return sent.toInstant().isAfter(stored.toInstant());
    }
}
