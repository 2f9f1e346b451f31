package io.muster.compliance;

import io.muster.MusterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs of standards subscriptions, standards controls and security controls, in Security Hub's forms. */
@ApplicationScoped
public class ComplianceArns {

    /** A standards ARN; group 1 is the standard's key. */
    private static final Pattern STANDARDS_ARN = Pattern.compile("^arn:[^:]+:securityhub:[^:]*:[^:]*:(?:ruleset|standards)/(.+)$");

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

    /**
     * The security control id an id or a security control ARN names ({@code IAM.1} for
     * {@code arn:aws:securityhub:us-east-1:123456789012:security-control/IAM.1}), as Security Hub accepts either.
     */
    public static String securityControlIdOf(String idOrArn) {
        int at = idOrArn.indexOf(":security-control/");
        return idOrArn.startsWith("arn:") && at >= 0 ? idOrArn.substring(at + ":security-control/".length()) : idOrArn;
    }

    /**
     * The standard a standards ARN names, whichever Region and account it was written with: Security Hub accepts
     * {@code arn:aws:securityhub:us-east-1:123456789012:ruleset/cis-aws-foundations-benchmark/v/1.2.0} for the
     * standard it lists as {@code arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0}.
     */
    public Optional<CompliancePack> standardOf(String standardsArn) {
        Matcher arn = STANDARDS_ARN.matcher(standardsArn);
        return arn.matches() ? standards.byKey(arn.group(1)) : Optional.empty();
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
