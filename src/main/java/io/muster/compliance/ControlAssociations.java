package io.muster.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Security Hub's standards control associations: a consolidated security control (e.g. IAM.9) in one enabled standard,
 * through the standard's controls that map to it (CIS.1.13 in CIS 1.2.0). An association is the same state as those
 * standards controls — enabling or disabling it is UpdateStandardsControl on each of them ({@link Subscriptions}), so
 * DescribeStandardsControls, control status and scores always agree with it.
 */
@ApplicationScoped
public class ControlAssociations {

    /**
     * A security control in an enabled standard.
     *
     * @param controls the standard's controls that map to the security control (usually one)
     * @param enabled whether any of them is enabled
     * @param updatedAt when the latest of them was disabled, or when the standard was enabled if none is disabled
     * @param updatedReason why it was disabled, when it is
     */
    public record Association(CompliancePack pack, Standards.SecurityControl securityControl, List<PackControl> controls,
            boolean enabled, Instant updatedAt, String updatedReason) {

        /** The standard's requirements the association covers, in the form DescribeStandardsControls gives them. */
        public List<String> relatedRequirements() {
            String prefix = pack.relatedRequirementPrefixes().isEmpty() ? "" : pack.relatedRequirementPrefixes().get(0);
            Set<String> requirements = new LinkedHashSet<>();
            controls.forEach(control -> control.requirements().forEach(requirement -> requirements.add(prefix + requirement)));
            return List.copyOf(requirements);
        }
    }

    /** Why an association could not be read or changed: Security Hub's UnprocessedErrorCode and a reason. */
    public record Refusal(String errorCode, String reason) {

        static Refusal notFound(String reason) {
            return new Refusal("NOT_FOUND", reason);
        }

        static Refusal invalidInput(String reason) {
            return new Refusal("INVALID_INPUT", reason);
        }
    }

    /** An association, or why there is none. */
    public record Lookup(Association association, Refusal refusal) {
    }

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceArns arns;

    /** The security control's associations with every enabled standard whose controls map to it, in the order the standards were enabled. */
    public List<Association> ofControl(Standards.SecurityControl control) {
        List<Association> associations = new ArrayList<>();
        for (Subscriptions.Subscription subscription : subscriptions.enabled().values()) {
            standards.byKey(subscription.standardKey()).filter(control.standards()::contains)
                    .ifPresent(pack -> associations.add(association(pack, control, subscription)));
        }
        return associations;
    }

    /**
     * Enables or disables a security control in one standard: every control of the standard that maps to it is
     * updated as UpdateStandardsControl would. Disabling needs a reason, as in Security Hub's console and API.
     *
     * @return why the update was refused, or empty when it was applied
     */
    public Optional<Refusal> update(String securityControlIdOrArn, String standardsArn, boolean enable, String reason) {
        Lookup lookup = find(securityControlIdOrArn, standardsArn);
        if (lookup.refusal() != null) {
            return Optional.of(lookup.refusal());
        }
        if (!enable && (reason == null || reason.isBlank())) {
            return Optional.of(Refusal.invalidInput("UpdatedReason is required when AssociationStatus is DISABLED"));
        }
        if (reason != null && reason.length() > 1024) {
            return Optional.of(Refusal.invalidInput("UpdatedReason must be at most 1024 characters, not " + reason.length()));
        }
        Association association = lookup.association();
        for (PackControl control : association.controls()) {
            subscriptions.setControl(association.pack().key(), control.id(), enable ? null : reason);
        }
        return Optional.empty();
    }

    /**
     * The association of a security control (id or ARN) with an enabled standard (any Region or account in its ARN),
     * or NOT_FOUND naming what is missing: the control, the standard, the control in that standard, or the subscription.
     */
    public Lookup find(String securityControlIdOrArn, String standardsArn) {
        String id = ComplianceArns.securityControlIdOf(securityControlIdOrArn);
        Optional<Standards.SecurityControl> control = standards.securityControl(id);
        if (control.isEmpty()) {
            return new Lookup(null, Refusal.notFound("No standard Muster knows has a control with the security control id '" + id + "'"));
        }
        Optional<CompliancePack> pack = arns.standardOf(standardsArn);
        if (pack.isEmpty()) {
            return new Lookup(null, Refusal.notFound("No standard has the ARN '" + standardsArn + "'; DescribeStandards lists them"));
        }
        if (!control.get().standards().contains(pack.get())) {
            return new Lookup(null, Refusal.notFound(pack.get().name() + " has no control for security control " + id));
        }
        Subscriptions.Subscription subscription = subscriptions.enabled().get(pack.get().key());
        if (subscription == null) {
            return new Lookup(null, Refusal.notFound(pack.get().name() + " is not enabled; BatchEnableStandards enables it"));
        }
        return new Lookup(association(pack.get(), control.get(), subscription), null);
    }

    private Association association(CompliancePack pack, Standards.SecurityControl control, Subscriptions.Subscription subscription) {
        Map<String, Subscriptions.DisabledControl> disabled = subscriptions.disabledControls(pack.key());
        List<PackControl> mapped = pack.controls().stream()
                .filter(candidate -> candidate.securityControlId().filter(control.id()::equals).isPresent()).toList();
        boolean enabled = false;
        Subscriptions.DisabledControl latest = null;
        for (PackControl packControl : mapped) {
            Subscriptions.DisabledControl off = disabled.get(packControl.id());
            if (off == null) {
                enabled = true;
            } else if (latest == null || off.since().isAfter(latest.since())) {
                latest = off;
            }
        }
        return enabled ? new Association(pack, control, mapped, true, subscription.enabledAt(), null)
                : new Association(pack, control, mapped, false, latest.since(), latest.reason());
    }
}
