-- One record per person. The phone number is the sign-in identity of residents and volunteers;
-- staff and admins sign in with a username and a password (hashed).
CREATE TABLE member (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL,
    phone         TEXT UNIQUE,
    unit_id       UUID REFERENCES unit (id),
    roles         TEXT[]      NOT NULL,
    party_branch_id UUID REFERENCES organisation (id),
    party_kind    TEXT CHECK (party_kind IN ('REGULAR', 'ELDERLY', 'MOBILE')),
    leadership    BOOLEAN     NOT NULL DEFAULT false,
    active        BOOLEAN     NOT NULL DEFAULT true,
    username      TEXT UNIQUE,
    password_hash TEXT,
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((party_branch_id IS NULL) = (party_kind IS NULL)),
    CHECK (phone IS NOT NULL OR username IS NOT NULL)
);
CREATE INDEX member_unit ON member (unit_id);
CREATE INDEX member_roles ON member USING gin (roles);

-- A member's place in an organisation (書記, 委員, 主任 …).
CREATE TABLE membership (
    member_id       UUID NOT NULL REFERENCES member (id),
    organisation_id UUID NOT NULL REFERENCES organisation (id),
    position        TEXT NOT NULL,
    PRIMARY KEY (member_id, organisation_id)
);

-- The five chiefs (五長) of a grid and what each answers for.
CREATE TABLE grid_chief (
    grid_id     UUID NOT NULL REFERENCES grid (id),
    member_id   UUID NOT NULL REFERENCES member (id),
    kind        TEXT NOT NULL CHECK (kind IN ('GRID', 'ROAD', 'LANE', 'BUILDING', 'SHOP')),
    answers_for TEXT NOT NULL,
    PRIMARY KEY (grid_id, member_id, kind)
);
CREATE INDEX grid_chief_member ON grid_chief (member_id);

-- Idempotent creation: a retried POST with the same key replays the first answer.
CREATE TABLE idempotent_request (
    key        TEXT        NOT NULL,
    caller     TEXT        NOT NULL,
    member_id  UUID        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
