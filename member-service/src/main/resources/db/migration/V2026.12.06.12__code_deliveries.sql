-- Code requests waiting to be sent. Every request that passes the limits is queued here, a member's or a
-- stranger's alike, and answered at once: the answer takes as long either way, so it tells nobody who is
-- registered. The sender (SignIn.sendQueuedCodes, the codeSender timer) makes and texts a code for a member's phone
-- and drops the rest. The phone and language are all that is kept, and only until it is sent.
CREATE TABLE code_delivery (
    id           UUID PRIMARY KEY,
    phone        TEXT        NOT NULL,
    language     TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX code_delivery_requested ON code_delivery (requested_at);
CREATE TRIGGER code_delivery_wakes_timers AFTER INSERT ON code_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_wake('dispatch_timers');
