-- The municipal systems admins registered with member-service (from its member.municipal-system-registered
-- events): only tickets whose sourceSystem is one of these client ids are taken.
CREATE TABLE municipal_system (
    client_id     TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);
