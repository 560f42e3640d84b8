-- Team and station names in Simplified Chinese, the script the community (Huaibei, Anhui) reads:
-- converted once from the seed's Traditional names (OpenCC t2s, checked by hand) and kept as data. The
-- Traditional forms stay beside them for callers asking zh-TW / zh-Hant. The descriptions' Chinese
-- glosses are converted too. A team an admin has changed is left as it is.
ALTER TABLE team ADD COLUMN name_zh_hant TEXT;
ALTER TABLE team ADD COLUMN station_zh_hant TEXT;

UPDATE team t
SET name_zh_hant = t.name_zh, name_zh = s.name_hans,
    station_zh_hant = t.station_zh, station_zh = s.station_hans,
    description = s.description_hans
FROM (VALUES
    ('angel', '天使', '天使', '家心崗', '家心岗',
     'Volunteers from the area''s hospitals and health stations: free clinics (義診) and health education (健康宣傳).',
     'Volunteers from the area''s hospitals and health stations: free clinics (义诊) and health education (健康宣传).'),
    ('weaver', '織女', '织女', '家訓亭', '家训亭',
     'Sewing, mending and handicraft (inferred from the name).', 'Sewing, mending and handicraft (inferred from the name).'),
    ('dawn', '曙光', '曙光', '家樂站', '家乐站',
     'Capabilities configured by administrators.', 'Capabilities configured by administrators.'),
    ('red-steward', '紅色管家', '红色管家', '家心崗', '家心岗',
     'Party-led property and household help (inferred from the name).', 'Party-led property and household help (inferred from the name).'),
    ('baoliang', '保亮', '保亮', '家訓亭', '家训亭',
     'Retired servicemen (退役軍人): river patrol (巡河), salvage (打撈), cleaning (保潔), straw-burning patrols (秸稈禁燒).',
     'Retired servicemen (退役军人): river patrol (巡河), salvage (打捞), cleaning (保洁), straw-burning patrols (秸秆禁烧).'),
    ('lebei', '樂貝', '乐贝', '家樂站', '家乐站',
     'Kindergarten teachers and community staff: minding children (看護照料孩子) and parent-child activities (親子活動).',
     'Kindergarten teachers and community staff: minding children (看护照料孩子) and parent-child activities (亲子活动).')
) AS s (key, name_hant, name_hans, station_hant, station_hans, description_hant, description_hans)
WHERE t.key = s.key AND t.name_zh = s.name_hant AND t.station_zh = s.station_hant AND t.description = s.description_hant;
