-- Why: automation rules (Security Hub's CreateAutomationRule …): criteria and a field update applied by the
-- import pipeline to every finding it creates or changes.
CREATE TABLE automation_rule (
    arn         VARCHAR(256) PRIMARY KEY,
    rule_name   VARCHAR(256) NOT NULL,
    description VARCHAR(1024) NOT NULL,
    rule_order  INTEGER NOT NULL,
    rule_status VARCHAR(16) NOT NULL,
    is_terminal BOOLEAN NOT NULL,
    -- AutomationRulesFindingFilters and the Actions list, as sent (JSON)
    criteria    VARCHAR NOT NULL,
    actions     VARCHAR NOT NULL,
    tags        VARCHAR,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(512) NOT NULL
);
