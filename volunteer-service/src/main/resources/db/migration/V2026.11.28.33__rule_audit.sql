-- Who is told when nobody takes a request, and every change of a rule: who, when, before and after.
ALTER TABLE dispatch_rule ADD COLUMN notify TEXT[] NOT NULL DEFAULT '{TEAM_LEADER,STAFF}';

CREATE TABLE dispatch_rule_audit (
    id            UUID PRIMARY KEY,
    category_code TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    changed_by    TEXT        NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    before        JSONB,
    after         JSONB       NOT NULL
);
CREATE INDEX dispatch_rule_audit_category ON dispatch_rule_audit (category_code, changed_at);
