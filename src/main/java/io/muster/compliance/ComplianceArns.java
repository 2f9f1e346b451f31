package io.muster.compliance;

import io.muster.MusterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The ARNs of standards subscriptions, standards controls and security controls, in Security Hub's forms. */
@ApplicationScoped
public class ComplianceArns {

    @Inject
    MusterConfig muster;

    @Inject
    Standards standards;

    private String base() {
        return "arn:aws:securityhub:" + muster.region() + ":" + muster.accountId() + ":";
    }

    public String subscription(CompliancePack pack) {
        return base() + "subscription/" + pack.key();
    }

    public String standardsControl(CompliancePack pack, PackControl control) {
        return base() + "control/" + pack.standardsControlArnPath() + "/" + control.ruleId();
    }

    public String securityControl(String securityControlId) {
        return base() + "security-control/" + securityControlId;
    }

    /** The standard a subscription ARN names, whichever Region and account it was written with. */
    public Optional<CompliancePack> standardOfSubscription(String subscriptionArn) {
        int at = subscriptionArn.indexOf(":subscription/");
        if (!subscriptionArn.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        return standards.byKey(subscriptionArn.substring(at + ":subscription/".length()));
    }

    /** The standard and control a standards-control ARN names. */
    public Optional<StandardControl> standardsControlOf(String controlArn) {
        int at = controlArn.indexOf(":control/");
        if (!controlArn.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        String path = controlArn.substring(at + ":control/".length());
        for (CompliancePack pack : standards.packs()) {
            String prefix = pack.standardsControlArnPath() + "/";
            if (path.startsWith(prefix)) {
                String ruleId = path.substring(prefix.length());
                for (PackControl control : pack.controls()) {
                    if (control.ruleId().equals(ruleId)) {
                        return Optional.of(new StandardControl(pack, control));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A control within its standard. */
    public record StandardControl(CompliancePack pack, PackControl control) {
    }
}
