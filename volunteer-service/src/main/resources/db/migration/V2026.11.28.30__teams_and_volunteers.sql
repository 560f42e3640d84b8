-- The six volunteer teams (志願服務隊伍) and the categories of need each serves.
CREATE TABLE team (
    key         TEXT PRIMARY KEY,
    name_zh     TEXT   NOT NULL,
    name_en     TEXT   NOT NULL,
    description TEXT   NOT NULL,
    station_zh  TEXT   NOT NULL,
    categories  TEXT[] NOT NULL
);

INSERT INTO team (key, name_zh, name_en, description, station_zh, categories) VALUES
('angel', '天使', 'Angel', 'Volunteers from the area''s hospitals and health stations: free clinics (義診) and health education (健康宣傳).', '家心崗', '{free-clinic,health-talk}'),
('weaver', '織女', 'Weaver', 'Sewing, mending and handicraft (inferred from the name).', '家訓亭', '{sewing-mending}'),
('dawn', '曙光', 'Dawn', 'Capabilities configured by administrators.', '家樂站', '{other,study-visit}'),
('red-steward', '紅色管家', 'Red Steward', 'Party-led property and household help (inferred from the name).', '家心崗', '{household-help,study-visit}'),
('baoliang', '保亮', 'Baoliang', 'Retired servicemen (退役軍人): river patrol (巡河), salvage (打撈), cleaning (保潔), straw-burning patrols (秸稈禁燒).', '家訓亭', '{river-patrol,straw-burning}'),
('lebei', '樂貝', 'Lebei', 'Kindergarten teachers and community staff: minding children (看護照料孩子) and parent-child activities (親子活動).', '家樂站', '{childcare}');

-- A volunteer's profile, kept in step with member events: a member with the VOLUNTEER role has one;
-- deactivation suspends it.
CREATE TABLE volunteer (
    member_id      UUID PRIMARY KEY,
    compound_code  TEXT,
    teams          TEXT[]      NOT NULL DEFAULT '{}',
    max_concurrent INTEGER     NOT NULL DEFAULT 2 CHECK (max_concurrent BETWEEN 1 AND 10),
    active         BOOLEAN     NOT NULL DEFAULT true,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_teams ON volunteer USING gin (teams) WHERE active;
