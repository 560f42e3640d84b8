-- The deliberation ladder of disputes: online deliberation (網上議事) → property-company party–resident
-- council (物業黨群議事) → community party–resident council (社區黨群議事).
CREATE TABLE deliberation (
    request_id  UUID PRIMARY KEY REFERENCES service_request (id),
    step        TEXT        NOT NULL CHECK (step IN ('ONLINE_DELIBERATION', 'PROPERTY_COUNCIL', 'COMMUNITY_COUNCIL')),
    step_due_at TIMESTAMPTZ,
    settled_at  TIMESTAMPTZ
);
CREATE INDEX deliberation_due ON deliberation (step_due_at) WHERE step_due_at IS NOT NULL;

-- Each session staff hold on a step: when, who took part, how it ended.
CREATE TABLE deliberation_session (
    id          UUID PRIMARY KEY,
    request_id  UUID        NOT NULL REFERENCES deliberation (request_id),
    step        TEXT        NOT NULL,
    held_on     DATE        NOT NULL,
    parties     TEXT[]      NOT NULL,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('SETTLED', 'UNSETTLED', 'ADJOURNED')),
    notes       TEXT,
    recorded_by TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX deliberation_session_request ON deliberation_session (request_id, recorded_at);
