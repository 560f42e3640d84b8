-- Household visits (初心大走訪) by leadership-team members and grid workers.
CREATE TABLE visit (
    id         UUID PRIMARY KEY,
    visitor_id UUID        NOT NULL REFERENCES member (id),
    unit_id    UUID        NOT NULL REFERENCES unit (id),
    visited_at TIMESTAMPTZ NOT NULL,
    heard      TEXT        NOT NULL,
    needs      TEXT[]      NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX visit_by_visitor_and_time ON visit (visitor_id, visited_at);
CREATE INDEX visit_by_time ON visit (visited_at);
