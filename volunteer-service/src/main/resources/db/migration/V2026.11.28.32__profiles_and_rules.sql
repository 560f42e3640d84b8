-- Richer profiles: skills with a level (1–5), the grid, weekly availability and leave, ratings.
ALTER TABLE volunteer
    ADD COLUMN grid_code    TEXT,
    ADD COLUMN skills       JSONB   NOT NULL DEFAULT '{}',
    ADD COLUMN availability JSONB   NOT NULL DEFAULT '{"weekly":[],"leave":[]}',
    ADD COLUMN rating_sum   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;

-- Rules name the skills a request needs (skill → minimum level) and the mode: DIRECT offers to the
-- best candidate, POOL to every eligible volunteer at once (first to accept wins, 搶單).
ALTER TABLE dispatch_rule
    ADD COLUMN required_skills JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN mode            TEXT  NOT NULL DEFAULT 'DIRECT' CHECK (mode IN ('DIRECT', 'POOL'));
UPDATE dispatch_rule SET required_skills = '{"nursing": 2}' WHERE category_code = 'free-clinic';
UPDATE dispatch_rule SET mode = 'POOL' WHERE category_code = 'straw-burning';

-- Where the need is, for proximity.
ALTER TABLE dispatch
    ADD COLUMN compound_code TEXT,
    ADD COLUMN grid_code     TEXT;
