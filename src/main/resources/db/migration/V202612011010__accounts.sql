-- Why: Muster's account registry (Security Hub members, with an optional account name that imported findings
-- take as AwsAccountName), finding aggregators (one per account) and tags on the resources AWS lets users tag.

-- Security Hub members (CreateMembers). Muster sends no invitations: a member is associated at once
-- (member_status 'Enabled') and 'Removed' after DisassociateMembers; DeleteMembers removes the row.
CREATE TABLE member_account (
    account_id    VARCHAR(12)${text_collation} PRIMARY KEY,
    email         VARCHAR(1024),
    account_name  VARCHAR(256),
    member_status VARCHAR(32) NOT NULL,
    -- when the account was (last) associated: Security Hub's InvitedAt
    invited_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Finding aggregators (CreateFindingAggregator), one per account: the configuration the client gave.
-- Muster keeps every Region's findings in one store whatever this says.
CREATE TABLE finding_aggregator (
    account_id          VARCHAR(64)${text_collation} PRIMARY KEY,
    aggregator_id       VARCHAR(36) NOT NULL UNIQUE,
    aggregation_region  VARCHAR(64) NOT NULL,
    region_linking_mode VARCHAR(32) NOT NULL,
    -- the Regions list as sent (JSON array)
    regions             VARCHAR NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Resources whose tags Muster keeps (TagResource): a row here means the tag set below is the whole truth
-- (an automation rule's creation Tags are copied in the first time its tags are touched).
CREATE TABLE tagged_resource (
    resource_arn VARCHAR(2048)${text_collation} PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE resource_tag (
    resource_arn VARCHAR(2048)${text_collation} NOT NULL REFERENCES tagged_resource (resource_arn) ON DELETE CASCADE,
    tag_key      VARCHAR(128)${text_collation} NOT NULL,
    tag_value    VARCHAR(256) NOT NULL,
    PRIMARY KEY (resource_arn, tag_key)
);
