-- Signing keys of the token issuer: generated on first start, rotated, kept until every token they
-- signed has expired.
CREATE TABLE signing_key (
    kid         TEXT PRIMARY KEY,
    jwk         TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at  TIMESTAMPTZ
);

-- Machine clients (municipal systems) using client_credentials; secrets are stored hashed.
CREATE TABLE oauth_client (
    client_id   TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    roles       TEXT[]      NOT NULL,
    active      BOOLEAN     NOT NULL DEFAULT true,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Rotating refresh tokens, stored as SHA-256 of the token. A family is one sign-in; using a
-- token twice revokes the whole family.
CREATE TABLE refresh_token (
    token_hash TEXT PRIMARY KEY,
    family_id  UUID        NOT NULL,
    member_id  UUID        NOT NULL REFERENCES member (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);

-- One-time sign-in codes, stored hashed; single use, short-lived, few attempts.
CREATE TABLE login_code (
    id         UUID PRIMARY KEY,
    phone      TEXT        NOT NULL,
    code_hash  TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    attempts   INTEGER     NOT NULL DEFAULT 0,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_code_phone ON login_code (phone, created_at);

-- Failed sign-ins per identity (phone or username), for lockout.
CREATE TABLE sign_in_failure (
    identity  TEXT        NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_identity ON sign_in_failure (identity, failed_at);

-- The SMS sandbox: messages a real gateway would have sent, readable by admins.
CREATE TABLE sms_message (
    id      UUID PRIMARY KEY,
    phone   TEXT        NOT NULL,
    text    TEXT        NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sms_message_phone ON sms_message (phone, sent_at);
