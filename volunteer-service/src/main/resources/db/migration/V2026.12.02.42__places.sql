-- Dispatch that knows where (issue 16): where buildings are (learnt from member-service's register: every
-- member event names the member's home building and, once an admin placed it, its coordinates), where
-- each volunteer lives, and where each request's help is wanted.
CREATE TABLE building_place (
    building   TEXT PRIMARY KEY,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMPTZ      NOT NULL DEFAULT now()
);

ALTER TABLE volunteer ADD COLUMN home_building TEXT;

ALTER TABLE dispatch
    ADD COLUMN building  TEXT,
    ADD COLUMN latitude  DOUBLE PRECISION,
    ADD COLUMN longitude DOUBLE PRECISION;
