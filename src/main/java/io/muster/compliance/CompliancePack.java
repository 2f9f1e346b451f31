package io.muster.compliance;

import java.util.List;
import java.util.Optional;

/**
 * One version of one standard, as loaded from a pack file in {@code standards/} or the custom packs
 * directory: its identity in the Security Hub API and its controls.
 *
 * @param key the standard's stable key, the ARN's path after {@code ruleset/} or {@code standards/}, e.g.
 *     {@code cis-aws-foundations-benchmark/v/1.2.0}; subscription and control ARNs are built from it
 * @param source the file it was loaded from, for messages
 * @param digest a hash of the file's content: packs that changed make stored control links stale
 */
public record CompliancePack(String key, String standardsArn, String name, String version, String description,
        String provider, boolean enabledByDefault, String standardsControlArnPath, Optional<String> generatorIdPrefix,
        List<String> relatedRequirementPrefixes, Optional<String> prowlerRequirementPrefix, List<PackControl> controls,
        String source, String digest) {

    public Optional<PackControl> control(String controlId) {
        return controls.stream().filter(control -> control.id().equals(controlId)).findFirst();
    }
}
