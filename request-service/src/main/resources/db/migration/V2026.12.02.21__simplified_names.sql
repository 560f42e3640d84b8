-- Category names in Simplified Chinese, the script the community (Huaibei, Anhui) reads: converted once
-- from the seed's Traditional names (OpenCC t2s, checked by hand) and kept as data. The Traditional
-- forms stay beside them (name_zh_hant) for callers asking zh-TW / zh-Hant. Keywords gain their
-- Simplified forms; attribute value names are converted. A name an admin has changed is left as it is.
ALTER TABLE category ADD COLUMN name_zh_hant TEXT;

UPDATE category c
SET name_zh_hant = c.name_zh,
    name_zh = s.hans,
    keywords = c.keywords || ARRAY(SELECT k FROM unnest(s.keywords) AS k WHERE k <> ALL (c.keywords))
FROM (VALUES
    ('free-clinic', '義診與健康諮詢', '义诊与健康咨询', '{义诊,体检,血压}'::text[]),
    ('health-talk', '健康宣傳講座', '健康宣传讲座', '{健康宣传,讲座}'::text[]),
    ('sewing-mending', '縫補與手工', '缝补与手工', '{缝补,织补}'::text[]),
    ('childcare', '看護照料孩子與親子活動', '看护照料孩子与亲子活动', '{看护,亲子}'::text[]),
    ('river-patrol', '巡河與河道保潔', '巡河与河道保洁', '{打捞,保洁}'::text[]),
    ('straw-burning', '秸稈焚燒舉報', '秸秆焚烧举报', '{秸秆,禁烧}'::text[]),
    ('household-help', '物業與家庭幫辦', '物业与家庭帮办', '{维修,物业}'::text[]),
    ('study-visit', '送學上門', '送学上门', '{送学,送书}'::text[]),
    ('neighbour-dispute', '鄰里糾紛', '邻里纠纷', '{纠纷}'::text[]),
    ('other', '其他', '其他', '{}'::text[])
) AS s (code, hant, hans, keywords)
WHERE c.code = s.code AND c.name_zh = s.hant;

UPDATE category
SET attributes = replace(replace(attributes::text, '"維修 repair"', '"维修 repair"'), '"物業 property"', '"物业 property"')::jsonb
WHERE code = 'household-help';
