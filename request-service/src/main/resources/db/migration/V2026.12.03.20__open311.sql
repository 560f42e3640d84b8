-- Open311 GeoReport v2. A municipal system files requests with an api_key an admin issued to it; only
-- the key's SHA-256 is kept (keys are long random strings, so a fast hash is enough), and a key works
-- while it is not revoked and its system is registered (municipal_system).
CREATE TABLE open311_api_key (
    id          UUID        PRIMARY KEY,
    client_id   TEXT        NOT NULL,
    key_hash    TEXT        NOT NULL UNIQUE,
    key_hint    TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    revoked_at  TIMESTAMPTZ
);

-- An update a client posted (servicerequestupdates), by the client's own id for it: posting it again
-- answers the same update instead of recording it twice.
CREATE TABLE open311_update (
    client_id        TEXT   NOT NULL,
    client_update_id TEXT   NOT NULL,
    request_id       UUID   NOT NULL REFERENCES service_request (id),
    timeline_seq     BIGINT NOT NULL,
    PRIMARY KEY (client_id, client_update_id)
);

-- The updates feed reads the timeline by time, across requests.
CREATE INDEX request_timeline_by_time ON request_timeline (at, seq);
