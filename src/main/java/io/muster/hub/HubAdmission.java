package io.muster.hub;

import io.muster.MusterConfig;
import io.muster.auth.Caller;
import io.muster.finding.ImportAdmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses the findings of an account that is not subscribed to the hub in the caller's Region, as Security Hub
 * does: in {@code FailedFindings}, with ErrorCode {@code InvalidAccess}.
 */
@ApplicationScoped
public class HubAdmission implements ImportAdmission {

    @Inject
    Hubs hubs;

    @Inject
    MusterConfig muster;

    @Override
    public Refusal refusal(Caller caller, String awsAccountId, String productArn) {
        String region = caller.regionOr(muster.region());
        return hubs.isSubscribed(awsAccountId, region) ? null : new Refusal("InvalidAccess", Hubs.notSubscribedMessage(awsAccountId, region));
    }
}
