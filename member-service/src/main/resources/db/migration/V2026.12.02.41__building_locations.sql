-- Where buildings are (WGS 84 degrees), so dispatch can prefer the volunteers living nearest (issue 16).
-- Admins place buildings; the demo community's are placed here when it was loaded before this migration
-- (on a 4 × 3 grid of compounds some 400 m apart in Huaibei's Xiangshan district, buildings 40–50 m apart),
-- exactly as DemoCommunity places them on a fresh start.
ALTER TABLE building
    ADD COLUMN latitude  DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    ADD COLUMN longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    ADD CHECK ((latitude IS NULL) = (longitude IS NULL));

UPDATE building b
SET latitude  = round((33.9560 + ((substr(c.code, 2)::int - 1) / 4) * 0.0036 + ((b.code::int - 1) / 3) * 0.0004)::numeric, 6),
    longitude = round((116.7900 + ((substr(c.code, 2)::int - 1) % 4) * 0.0043 + ((b.code::int - 1) % 3) * 0.0005)::numeric, 6)
FROM compound c
WHERE c.id = b.compound_id
  AND b.code ~ '^[1-6]$'
  AND (c.code, c.name_en) IN (('C01', 'Xiangqiao Garden'), ('C02', 'Qingfeng Estate'), ('C03', 'Sandi New Village'),
      ('C04', 'Miners'' Village'), ('C05', 'Green Bamboo Court'), ('C06', 'Nanhu Homes'), ('C07', 'Xiangshan Residence'),
      ('C08', 'Harmony Estate'), ('C09', 'Happiness Lane'), ('C10', 'Changshan Estate'), ('C11', 'Suihe Court'),
      ('C12', 'Red Flag Estate'));
