-- Who is in the community's register, as member-service's events tell it: enough to check that a grid worker
-- or staff member submitting on someone's behalf names an active member (of a grid the worker serves).
CREATE TABLE member_register (
    member_id UUID PRIMARY KEY,
    grid_code TEXT,
    active    BOOLEAN NOT NULL
);
