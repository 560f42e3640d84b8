-- Editions of what member events say of a member. When the events start saying more (edition 2: the home's
-- grid), member-service tells the register's readers every active member once more, so they know it of people
-- registered before (RegisterEditions).
CREATE TABLE register_edition (
    edition      INTEGER PRIMARY KEY,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
