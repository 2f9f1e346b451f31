package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.db.Transactions;
import io.muster.format.AsffValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import pipeline behind BatchImportFindings (and, later, every other way findings arrive): validate
 * each finding against ASFF, refuse the invalid ones one by one with the reason, then apply Security
 * Hub's create/update rules to the valid ones and store them in one transaction through the
 * {@link FindingWriter}.
 */
@ApplicationScoped
public class FindingImporter {

    /** Security Hub's limit on one BatchImportFindings call. */
    public static final int MAX_FINDINGS = 100;

    @Inject
    AsffValidator validator;

    @Inject
    FindingWriter writer;

    @Inject
    Transactions transactions;

    @Inject
    MusterConfig config;

    public ImportResult importFindings(List<IncomingFinding> findings) {
        List<ImportResult.FailedFinding> failed = new ArrayList<>();
        List<ObjectNode> valid = new ArrayList<>();
        for (IncomingFinding finding : findings) {
            List<String> problems = validator.problems(finding.document(), finding.sizeInBytes());
            if (problems.isEmpty()) {
                valid.add((ObjectNode) finding.document());
            } else {
                failed.add(new ImportResult.FailedFinding(finding.idOrEmpty(), "InvalidInput",
                        "Finding does not adhere to Amazon Finding Format. " + String.join("; ", problems)));
            }
        }
        if (!valid.isEmpty()) {
            store(valid);
        }
        return new ImportResult(valid.size(), failed);
    }

    private void store(List<ObjectNode> findings) {
        Set<FindingKey> keys = new LinkedHashSet<>();
        for (ObjectNode finding : findings) {
            keys.add(keyOf(finding));
        }
        ProviderImport rules = new ProviderImport(config.region());
        transactions.inTransaction(connection -> {
            Map<FindingKey, FindingState> states = writer.lock(connection, keys);
            Instant now = Instant.now();
            for (ObjectNode finding : findings) {
                FindingKey key = keyOf(finding);
                rules.apply(states.get(key), finding, ChangeSource.importedBy(key.productArn()), now);
            }
            return writer.write(connection, states.values());
        });
    }

    static FindingKey keyOf(ObjectNode finding) {
        return new FindingKey(finding.get("ProductArn").textValue(), finding.get("Id").textValue());
    }
}
