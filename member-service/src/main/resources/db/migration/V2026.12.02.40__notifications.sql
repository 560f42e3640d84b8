-- Notifications beyond the open app (issue 16): each person's choice of channels, quiet hours and
-- language; the notifications made from events, one per event and person; each request's requester and
-- grid (request events other than the submission do not name them); the push sandbox. A notification's
-- occasion is what it tells of (`<order id>/offered`), so a repeated event makes none.
CREATE TABLE notification_setting (
    member_id   UUID PRIMARY KEY REFERENCES member (id),
    -- Tried in this order; the first that reaches the person is used. Empty: only the app.
    channels    TEXT[]      NOT NULL DEFAULT '{PUSH,SMS}',
    quiet_from  TIME,
    quiet_to    TIME,
    language    TEXT        NOT NULL DEFAULT 'zh-Hans' CHECK (language IN ('zh-Hans', 'zh-Hant', 'en')),
    push_device TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL)),
    CHECK (channels <@ ARRAY['PUSH', 'SMS'])
);

CREATE TABLE notification (
    id          UUID PRIMARY KEY,
    occasion    TEXT        NOT NULL,
    member_id   UUID        NOT NULL,
    kind        TEXT        NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    -- Not worth sending after this (an offer that expired); told in the text.
    stale_after TIMESTAMPTZ,
    status      TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'STALE', 'NOT_SENT')),
    channel     TEXT,
    text        TEXT,
    sent_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (occasion, member_id)
);
CREATE INDEX notification_due ON notification (due_at) WHERE status = 'PENDING';
CREATE INDEX notification_member ON notification (member_id, created_at DESC);

CREATE TABLE known_request (
    request_id   UUID PRIMARY KEY,
    requester_id UUID,
    grid_code    TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE push_sandbox_message (
    id        UUID PRIMARY KEY,
    device    TEXT        NOT NULL,
    title     TEXT        NOT NULL,
    text      TEXT        NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_sandbox_message_device ON push_sandbox_message (device, sent_at DESC);
