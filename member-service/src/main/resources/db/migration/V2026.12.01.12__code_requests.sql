-- Every request for a sign-in code, member or not, so the limit answers alike for strangers and members
-- (a 429 only for registered phones told who is a member). Rows older than the window are dropped as
-- new ones come.
CREATE TABLE code_request (
    phone        TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX code_request_phone ON code_request (phone, requested_at);
