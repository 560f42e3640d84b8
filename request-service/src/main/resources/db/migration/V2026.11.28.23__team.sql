-- The team a request was offered to (from order events), for the KPIs per team.
ALTER TABLE service_request ADD COLUMN team_key TEXT;
CREATE INDEX service_request_created ON service_request (created_at);
