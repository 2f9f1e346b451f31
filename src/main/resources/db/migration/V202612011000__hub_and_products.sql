-- Why: Security Hub's own state per account and Region (EnableSecurityHub / DisableSecurityHub and the hub's
-- settings), the product integrations enabled for import per account and Region, and the organization
-- configuration per Region (auto-enabling new member accounts).

-- One row per account and Region the hub has seen or been told about. An account without a row is subscribed
-- unless muster.hub.require-enable is on; a row with subscribed = FALSE is an account that disabled the hub.
CREATE TABLE hub_account (
    account_id                VARCHAR(12)${text_collation} NOT NULL,
    region                    VARCHAR(32)${text_collation} NOT NULL,
    subscribed                BOOLEAN NOT NULL,
    -- how it was last subscribed: DEFAULT (first seen while explicit enabling is not required),
    -- ENABLE_SECURITY_HUB (the operation) or AUTO_ENABLE (the organization configuration, for a new member)
    origin                    VARCHAR(32) NOT NULL,
    subscribed_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    auto_enable_controls      BOOLEAN NOT NULL,
    control_finding_generator VARCHAR(32) NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, region)
);

-- Product integrations turned on (EnableImportFindingsForProduct) or off (DisableImportFindingsForProduct) for
-- an account in a Region. A product enabled by default (the AWS services) needs a row only once it is turned
-- off; product_key is <company-id>/<product-id>, the last two parts of the product ARN.
CREATE TABLE product_subscription (
    account_id VARCHAR(12)${text_collation} NOT NULL,
    region     VARCHAR(32)${text_collation} NOT NULL,
    product_key VARCHAR(512)${text_collation} NOT NULL,
    enabled    BOOLEAN NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, region, product_key)
);

-- The organization configuration of Muster's administrator account, per Region (UpdateOrganizationConfiguration).
-- A Region without a row has Security Hub's defaults: AutoEnable false, AutoEnableStandards DEFAULT, LOCAL.
CREATE TABLE hub_organization (
    region                VARCHAR(32)${text_collation} PRIMARY KEY,
    auto_enable           BOOLEAN NOT NULL,
    auto_enable_standards VARCHAR(16) NOT NULL,
    configuration_type    VARCHAR(16) NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
