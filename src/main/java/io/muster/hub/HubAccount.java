package io.muster.hub;

import java.time.Instant;

/**
 * Security Hub in one account and Region: whether it is subscribed, since when, and its settings.
 *
 * @param origin how it was last subscribed (see {@link Origin})
 */
public record HubAccount(String accountId, String region, boolean subscribed, Origin origin, Instant subscribedAt,
        boolean autoEnableControls, ControlFindingGenerator controlFindingGenerator) {

    /** How an account came to be subscribed. */
    public enum Origin {
        /** First seen while explicit enabling is not required ({@code muster.hub.require-enable=false}). */
        DEFAULT,
        /** EnableSecurityHub. */
        ENABLE_SECURITY_HUB,
        /** The organization configuration's AutoEnable, when the account became a member. */
        AUTO_ENABLE
    }

    /** {@code arn:aws:securityhub:<region>:<account>:hub/default}. */
    public String hubArn() {
        return hubArn(region, accountId);
    }

    public static String hubArn(String region, String accountId) {
        return "arn:aws:securityhub:" + region + ":" + accountId + ":hub/default";
    }
}
