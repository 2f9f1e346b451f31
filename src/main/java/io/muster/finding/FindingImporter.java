package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.auth.AccessScope;
import io.muster.auth.Caller;
import io.muster.db.Transactions;
import io.muster.format.AsffValidator;
import io.muster.metrics.MusterMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import pipeline behind BatchImportFindings (and, later, every other way findings arrive): validate
 * each finding against ASFF and the caller's scope, refuse the invalid ones one by one with the reason,
 * then apply Security Hub's create/update rules to the valid ones and store them in one transaction
 * through the {@link FindingWriter}.
 */
@ApplicationScoped
public class FindingImporter {

    /** Security Hub's limit on one BatchImportFindings call. */
    public static final int MAX_FINDINGS = 100;
    static final String ACCESS_DENIED = "AccessDeniedException";

    @Inject
    AsffValidator validator;

    @Inject
    FindingWriter writer;

    @Inject
    Transactions transactions;

    @Inject
    MusterConfig config;

    @Inject
    jakarta.enterprise.inject.Instance<ImportStep> steps;

    @Inject
    MusterMetrics metrics;

    @Inject
    jakarta.enterprise.inject.Instance<ImportAdmission> admissions;

    @Inject
    jakarta.enterprise.inject.Instance<FindingNames> names;

    public ImportResult importFindings(List<IncomingFinding> findings, Caller caller) {
        return importFindings(findings, caller, ImportHook.NONE);
    }

    /**
     * Imports the findings and, in the same transaction, hands the keys of those stored to the hook (a scan
     * session records what it has seen this way).
     */
    public ImportResult importFindings(List<IncomingFinding> findings, Caller caller, ImportHook hook) {
        ImportResult result = metrics.timeImport(() -> validateAndStore(findings, caller, hook));
        count(findings, result);
        return result;
    }

    /** Imported and rejected findings by product, for /q/metrics. */
    private void count(List<IncomingFinding> findings, ImportResult result) {
        Map<String, String> refused = new java.util.HashMap<>();
        result.failedFindings().forEach(failure -> refused.put(failure.id(), failure.errorCode()));
        Map<String, Integer> stored = new java.util.HashMap<>();
        for (IncomingFinding finding : findings) {
            String productArn = finding.document().path("ProductArn").asText(null);
            String reason = refused.remove(finding.idOrEmpty());
            if (reason == null) {
                stored.merge(productArn, 1, Integer::sum);
            } else {
                metrics.rejected(productArn, reason);
            }
        }
        stored.forEach(metrics::imported);
    }

    private ImportResult validateAndStore(List<IncomingFinding> findings, Caller caller, ImportHook hook) {
        List<ImportResult.FailedFinding> failed = new ArrayList<>();
        List<ObjectNode> valid = new ArrayList<>();
        for (IncomingFinding finding : findings) {
            List<String> problems = validator.problems(finding.document(), finding.sizeInBytes());
            if (!problems.isEmpty()) {
                failed.add(new ImportResult.FailedFinding(finding.idOrEmpty(), "InvalidInput",
                        "Finding does not adhere to Amazon Finding Format. " + String.join("; ", problems)));
                continue;
            }
            ObjectNode document = (ObjectNode) finding.document();
            String refusal = scopeRefusal(caller, document.get("AwsAccountId").textValue(), document.get("ProductArn").textValue());
            if (refusal != null) {
                failed.add(new ImportResult.FailedFinding(finding.idOrEmpty(), ACCESS_DENIED, refusal));
                continue;
            }
            ImportAdmission.Refusal notAdmitted = admission(caller, document);
            if (notAdmitted != null) {
                failed.add(new ImportResult.FailedFinding(finding.idOrEmpty(), notAdmitted.errorCode(), notAdmitted.message()));
                continue;
            }
            valid.add(document);
        }
        if (!valid.isEmpty()) {
            failed.addAll(store(valid, caller, hook));
        }
        return new ImportResult(findings.size() - failed.size(), failed);
    }

    /** Stores the findings; returns those refused because they would change another account's finding. */
    private List<ImportResult.FailedFinding> store(List<ObjectNode> findings, Caller caller, ImportHook hook) {
        Map<FindingKey, List<ObjectNode>> byKey = new LinkedHashMap<>();
        for (ObjectNode finding : findings) {
            byKey.computeIfAbsent(keyOf(finding), k -> new ArrayList<>()).add(finding);
        }
        ProviderImport rules = new ProviderImport(config.region(), new FirstAnswer(names));
        ChangeSource source = ChangeSource.importedBy(caller.identity());
        AccessScope scope = caller.scope();
        return transactions.inTransaction(connection -> {
            List<ImportResult.FailedFinding> refused = new ArrayList<>();
            Map<FindingKey, FindingState> states = writer.lock(connection, byKey.keySet(), scope);
            Instant now = Instant.now();
            for (ObjectNode finding : findings) {
                FindingKey key = keyOf(finding);
                FindingState state = states.get(key);
                if (!state.inScope()) {
                    refused.add(new ImportResult.FailedFinding(key.id(), ACCESS_DENIED, caller.identity()
                            + " is not authorized to change this finding: it belongs to an account outside its scope"));
                    continue;
                }
                rules.apply(state, finding, source, now);
            }
            List<FindingState> changed = states.values().stream().filter(FindingState::isChanged).toList();
            for (ImportStep step : steps) {
                step.apply(changed, now);
            }
            writer.write(connection, states.values(), scope);
            List<FindingKey> stored = states.values().stream().filter(FindingState::inScope).map(FindingState::key).toList();
            hook.stored(connection, stored);
            return refused;
        });
    }

    private ImportAdmission.Refusal admission(Caller caller, ObjectNode document) {
        for (ImportAdmission admission : admissions) {
            ImportAdmission.Refusal refusal = admission.refusal(caller, document.get("AwsAccountId").textValue(),
                    document.get("ProductArn").textValue());
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static String scopeRefusal(Caller caller, String account, String productArn) {
        if (!caller.scope().allowsAccount(account)) {
            return caller.identity() + " is not authorized to perform: securityhub:BatchImportFindings for account " + account;
        }
        if (!caller.scope().allowsProduct(productArn)) {
            return caller.identity() + " is not authorized to perform: securityhub:BatchImportFindings on resource: " + productArn;
        }
        return null;
    }

    static FindingKey keyOf(ObjectNode finding) {
        return new FindingKey(finding.get("ProductArn").textValue(), finding.get("Id").textValue());
    }

    /** Every {@link FindingNames} implementation asked in turn; the first that knows a name gives it. */
    private record FirstAnswer(Iterable<FindingNames> all) implements FindingNames {

        @Override
        public java.util.Optional<ProductNames> product(String productArn) {
            for (FindingNames one : all) {
                var names = one.product(productArn);
                if (names.isPresent()) {
                    return names;
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> accountName(String awsAccountId) {
            for (FindingNames one : all) {
                var name = one.accountName(awsAccountId);
                if (name.isPresent()) {
                    return name;
                }
            }
            return java.util.Optional.empty();
        }
    }
}
