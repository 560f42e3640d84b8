-- The audit trail: every role change and admin-only action, and every refused attempt at one — who,
-- when, what, on whom, before and after. Only what the decision needs is kept (roles, flags), never
-- phone numbers or names.
CREATE TABLE audit_entry (
    id      UUID PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    actor   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    target  TEXT,
    outcome TEXT        NOT NULL CHECK (outcome IN ('DONE', 'REFUSED')),
    before  JSONB,
    after   JSONB
);
CREATE INDEX audit_entry_at ON audit_entry (at DESC);
CREATE INDEX audit_entry_target ON audit_entry (target, at DESC);
