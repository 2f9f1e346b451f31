-- Security control parameters set with UpdateSecurityControl, per account: see io.muster.compliance.SecurityControlSettings.

-- One row per account and security control that was ever updated. parameters holds the CUSTOM values only, as a JSON
-- object {name: value} where value is the JSON of the parameter's type (30, [80,443], "2", true); a parameter without
-- an entry uses Security Hub's default (ValueType DEFAULT).
CREATE TABLE security_control_setting (
    aws_account_id      VARCHAR(64)${text_collation} NOT NULL,
    security_control_id VARCHAR(100)${text_collation} NOT NULL,
    parameters          VARCHAR NOT NULL,
    last_update_reason  VARCHAR(1024),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (aws_account_id, security_control_id)
);
