-- Places: compounds (小區) with their buildings and units (households); grids (網格) cover buildings.
CREATE TABLE compound (
    id      UUID PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE grid (
    id      UUID PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE building (
    id          UUID PRIMARY KEY,
    compound_id UUID NOT NULL REFERENCES compound (id),
    grid_id     UUID REFERENCES grid (id),
    code        TEXT NOT NULL,
    UNIQUE (compound_id, code)
);
CREATE INDEX building_grid ON building (grid_id);

-- A unit is one household's home: the thing a visit is made to.
CREATE TABLE unit (
    id          UUID PRIMARY KEY,
    building_id UUID NOT NULL REFERENCES building (id),
    code        TEXT NOT NULL,
    UNIQUE (building_id, code)
);

-- Organisations: the three party levels and the four-in-one bodies.
CREATE TABLE organisation (
    id        UUID PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL CHECK (kind IN ('PARTY_GENERAL_BRANCH', 'PROPERTY_PARTY_BRANCH', 'GRID_PARTY_BRANCH',
                                            'RESIDENTS_COMMITTEE', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY')),
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    parent_id UUID REFERENCES organisation (id),
    grid_id   UUID REFERENCES grid (id)
);
