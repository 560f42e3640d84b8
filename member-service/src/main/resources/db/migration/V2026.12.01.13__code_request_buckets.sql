-- Code requests are counted per phone, per client address (an IPv6 /64) and in all: each request adds a
-- row to each of its buckets ('phone:…', 'address:…', 'all').
ALTER TABLE code_request RENAME COLUMN phone TO bucket;
ALTER INDEX code_request_phone RENAME TO code_request_bucket;
UPDATE code_request SET bucket = 'phone:' || bucket;
