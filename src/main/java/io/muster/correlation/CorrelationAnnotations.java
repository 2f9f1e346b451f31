package io.muster.correlation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.FindingAnnotations;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The duplicate group of each finding on a GetFindings page (with {@code "Correlation": true}): a
 * {@code MusterCorrelation} member — Priority, Fingerprint, the group's Primary (its earliest finding),
 * GroupSize and IsPrimary — and the group's other members (up to ten) added to {@code RelatedFindings}
 * after any the provider or an analyst gave. Only findings the caller may see are counted or named.
 */
@ApplicationScoped
public class CorrelationAnnotations implements FindingAnnotations {

    private static final int MAX_RELATED = 10;

    @Inject
    Database database;

    private record Member(String id, String productArn, double priority) {
    }

    @Override
    public List<String> annotate(List<String> documents, AccessScope scope) {
        if (documents.isEmpty()) {
            return documents;
        }
        List<ObjectNode> findings = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        for (String document : documents) {
            ObjectNode finding = (ObjectNode) Json.readStored(document);
            findings.add(finding);
            fingerprints.add(Fingerprint.of(finding));
        }
        Map<String, List<Member>> groups = groups(fingerprints, scope);
        List<String> annotated = new ArrayList<>(documents.size());
        for (ObjectNode finding : findings) {
            String fingerprint = Fingerprint.of(finding);
            List<Member> members = groups.getOrDefault(fingerprint, List.of());
            String id = finding.path("Id").asText();
            String productArn = finding.path("ProductArn").asText();
            Member self = members.stream().filter(m -> m.id().equals(id) && m.productArn().equals(productArn)).findFirst().orElse(null);
            ObjectNode correlation = finding.putObject("MusterCorrelation").put("Fingerprint", fingerprint)
                    .put("Priority", self == null ? 0 : Math.round(self.priority())).put("GroupSize", members.size());
            if (!members.isEmpty()) {
                Member primary = members.get(0);
                correlation.putObject("Primary").put("Id", primary.id()).put("ProductArn", primary.productArn());
                correlation.put("IsPrimary", primary == self);
            }
            ArrayNode related = finding.has("RelatedFindings") ? (ArrayNode) finding.get("RelatedFindings") : Json.MAPPER.createArrayNode();
            int added = 0;
            for (Member member : members) {
                if (member != self && added < MAX_RELATED && !mentions(related, member)) {
                    related.addObject().put("ProductArn", member.productArn()).put("Id", member.id());
                    added++;
                }
            }
            if (!related.isEmpty()) {
                finding.set("RelatedFindings", related);
            }
            annotated.add(Json.write(finding));
        }
        return annotated;
    }

    private static boolean mentions(ArrayNode related, Member member) {
        for (var entry : related) {
            if (member.id().equals(entry.path("Id").asText()) && member.productArn().equals(entry.path("ProductArn").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Each fingerprint's visible members, earliest first. */
    private Map<String, List<Member>> groups(Set<String> fingerprints, AccessScope scope) {
        SqlFragment sql = new SqlFragment().append("SELECT f.fingerprint, f.asff_id, f.product_arn, COALESCE(f.priority, 0) FROM finding f"
                + " WHERE f.fingerprint IN (");
        int i = 0;
        for (String fingerprint : fingerprints) {
            sql.append(i++ == 0 ? "?" : ", ?", fingerprint);
        }
        sql.append(")");
        SqlFragment inScope = SqlFilter.where(FindingFilter.ALL, scope);
        if (!inScope.isEmpty()) {
            sql.append(" AND ").append(inScope);
        }
        sql.append(" ORDER BY f.fingerprint, f.created_at, f.id");
        Map<String, List<Member>> groups = new LinkedHashMap<>();
        Sql.query(database, "Duplicate groups", sql.sql(), rows -> Map.entry(rows.getString(1),
                new Member(rows.getString(2), rows.getString(3), rows.getDouble(4))), sql.parameters().toArray())
                .forEach(member -> groups.computeIfAbsent(member.getKey(), k -> new ArrayList<>()).add(member.getValue()));
        return groups;
    }
}
