-- Staff mark a request as a duplicate of another: it closes and points to the original.
ALTER TABLE service_request ADD COLUMN duplicate_of UUID REFERENCES service_request (id);
-- Possible duplicates are looked for among recent requests of a category in a compound.
CREATE INDEX service_request_category_compound ON service_request (category_code, compound_code, created_at DESC);
