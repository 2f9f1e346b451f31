package io.muster.hub;

/**
 * The organization configuration of Muster's administrator account in one Region: whether new member accounts get
 * the hub automatically, and whether they get the default standards. Muster supports LOCAL configuration only
 * (CENTRAL needs configuration policies, which Muster does not have).
 */
public record OrganizationConfiguration(String region, boolean autoEnable, AutoEnableStandards autoEnableStandards,
        ConfigurationType configurationType) {

    /** Security Hub's AutoEnableStandards. */
    public enum AutoEnableStandards {
        NONE, DEFAULT
    }

    /** Security Hub's OrganizationConfiguration.ConfigurationType. */
    public enum ConfigurationType {
        CENTRAL, LOCAL
    }

    /** A Region nobody configured: Security Hub's defaults. */
    static OrganizationConfiguration defaults(String region) {
        return new OrganizationConfiguration(region, false, AutoEnableStandards.DEFAULT, ConfigurationType.LOCAL);
    }
}
