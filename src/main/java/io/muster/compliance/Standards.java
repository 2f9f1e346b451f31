package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.MusterConfig;
import io.muster.api.Digests;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The standards Muster knows — the shipped packs and the operator's custom ones, loaded at start-up —
 * and which of their controls a finding counts for.
 */
@ApplicationScoped
public class Standards {

    private static final Logger LOG = Logger.getLogger(Standards.class);
    /** Bump when the way findings are matched to controls changes, so that stored links are recomputed. */
    private static final String MATCHING_VERSION = "1";

    @Inject
    MusterConfig muster;

    @Inject
    ComplianceConfig config;

    private List<CompliancePack> packs;
    private List<PackLoader.Problem> problems;
    private ControlMatcher matcher;
    private String fingerprint;
    private List<SecurityControl> securityControls;
    private Map<String, SecurityControl> securityControlsById;

    @PostConstruct
    void load() {
        PackLoader.Result result = config.enabled() ? new PackLoader(muster.region()).load(config.packsDir())
                : new PackLoader.Result(List.of(), List.of());
        packs = result.packs();
        problems = result.problems();
        matcher = new ControlMatcher(packs);
        fingerprint = fingerprint(packs);
        securityControls = securityControls(packs);
        securityControlsById = new HashMap<>();
        securityControls.forEach(control -> securityControlsById.put(control.id(), control));
        for (PackLoader.Problem problem : problems) {
            LOG.errorf("Compliance pack %s was not loaded: %s", problem.source(), problem.message());
        }
        LOG.infof("Loaded %d compliance standards with %d controls", packs.size(),
                packs.stream().mapToInt(pack -> pack.controls().size()).sum());
    }

    public List<CompliancePack> packs() {
        return packs;
    }

    /** Pack files that could not be loaded, each with the reason. */
    public List<PackLoader.Problem> problems() {
        return problems;
    }

    public Optional<CompliancePack> byKey(String key) {
        return packs.stream().filter(pack -> pack.key().equals(key)).findFirst();
    }

    public Optional<CompliancePack> byArn(String standardsArn) {
        return packs.stream().filter(pack -> pack.standardsArn().equals(standardsArn)).findFirst();
    }

    /**
     * The consolidated security controls the packs name, by id, sorted: each described by the control
     * whose own id it is (the AWS Foundational Security Best Practices form), else by the first control
     * that maps to it.
     */
    public List<SecurityControl> securityControls() {
        return securityControls;
    }

    /** The consolidated security control with that id (not an ARN), if a control of some loaded standard maps to it. */
    public Optional<SecurityControl> securityControl(String id) {
        return Optional.ofNullable(securityControlsById.get(id));
    }

    /**
     * A consolidated security control, the standards whose controls map to it, and its customizable parameters:
     * those of the control that describes it, else of the first control mapping to it that defines any.
     */
    public record SecurityControl(String id, PackControl definition, List<CompliancePack> standards,
            Map<String, ControlParameter> parameters) {

        /** Security Hub's CustomizableProperties: {@code Parameters} when the control has any, else nothing. */
        public boolean customizable() {
            return !parameters.isEmpty();
        }
    }

    /** Identifies the packs' mapping rules: stored links computed under another fingerprint are stale. */
    String fingerprint() {
        return fingerprint;
    }

    /**
     * The controls the finding counts for, with its verdict — none unless it has a Compliance.Status and is
     * ACTIVE and not SUPPRESSED (Security Hub ignores suppressed and archived findings in control status).
     */
    public List<ControlLink> links(JsonNode finding) {
        if (finding == null) {
            return List.of();
        }
        int status = switch (finding.path("Compliance").path("Status").asText("")) {
            case "PASSED" -> ControlLink.PASSED;
            case "FAILED" -> ControlLink.FAILED;
            case "WARNING", "NOT_AVAILABLE" -> ControlLink.UNKNOWN;
            default -> 0;
        };
        if (status == 0 || "ARCHIVED".equals(finding.path("RecordState").asText())
                || "SUPPRESSED".equals(finding.path("Workflow").path("Status").asText())) {
            return List.of();
        }
        var targets = matcher.targets(finding);
        if (targets.isEmpty()) {
            return List.of();
        }
        String account = finding.path("AwsAccountId").asText("");
        String region = finding.path("Region").asText("");
        JsonNode resource = finding.path("Resources").path(0).path("Id");
        String resourceId = resource.isTextual() ? resource.textValue() : null;
        List<ControlLink> links = new ArrayList<>(targets.size());
        for (ControlMatcher.Target target : targets) {
            links.add(new ControlLink(target.pack().key(), target.control().id(), account, region, status, resourceId));
        }
        return links;
    }

    private static List<SecurityControl> securityControls(List<CompliancePack> packs) {
        Map<String, PackControl> definitions = new TreeMap<>();
        Map<String, List<CompliancePack>> standardsOf = new TreeMap<>();
        for (CompliancePack pack : packs) {
            for (PackControl control : pack.controls()) {
                control.securityControlId().ifPresent(id -> {
                    PackControl known = definitions.get(id);
                    if (known == null || (!known.id().equals(id) && control.id().equals(id))) {
                        definitions.put(id, control);
                    }
                    List<CompliancePack> list = standardsOf.computeIfAbsent(id, key -> new ArrayList<>());
                    if (!list.contains(pack)) {
                        list.add(pack);
                    }
                });
            }
        }
        List<SecurityControl> controls = new ArrayList<>();
        definitions.forEach((id, definition) -> controls.add(new SecurityControl(id, definition, List.copyOf(standardsOf.get(id)),
                parametersOf(id, definition, packs))));
        return List.copyOf(controls);
    }

    private static Map<String, ControlParameter> parametersOf(String id, PackControl definition, List<CompliancePack> packs) {
        if (!definition.parameters().isEmpty()) {
            return definition.parameters();
        }
        for (CompliancePack pack : packs) {
            for (PackControl control : pack.controls()) {
                if (control.securityControlId().filter(id::equals).isPresent() && !control.parameters().isEmpty()) {
                    return control.parameters();
                }
            }
        }
        return Map.of();
    }

    private static String fingerprint(List<CompliancePack> packs) {
        StringBuilder digests = new StringBuilder(MATCHING_VERSION);
        packs.forEach(pack -> digests.append(' ').append(pack.digest()));
        return Digests.sha256Hex(digests.toString());
    }
}
