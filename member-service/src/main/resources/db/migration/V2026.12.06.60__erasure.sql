-- A person's data erased at their request (PIPL art. 47). The member row stays as a tombstone — its id is what
-- requests, orders, hours and visits count by — with nothing that says who it was.
ALTER TABLE member ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE member DROP CONSTRAINT member_check1;
ALTER TABLE member ADD CONSTRAINT member_has_identity CHECK (phone IS NOT NULL OR username IS NOT NULL OR erased_at IS NOT NULL);

-- Who asked for the erasure and why, and when each service that held data about the person said it had erased it.
CREATE TABLE erasure (
    member_id    UUID        PRIMARY KEY REFERENCES member (id),
    requested_at TIMESTAMPTZ NOT NULL,
    requested_by TEXT        NOT NULL,
    reason       TEXT        NOT NULL
);
CREATE TABLE erasure_step (
    member_id UUID        NOT NULL REFERENCES erasure (member_id),
    service   TEXT        NOT NULL,
    done_at   TIMESTAMPTZ NOT NULL,
    records   INTEGER     NOT NULL,
    PRIMARY KEY (member_id, service)
);
