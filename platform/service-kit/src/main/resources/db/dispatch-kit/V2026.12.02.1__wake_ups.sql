-- Wake-ups (WakeUps listens on these channels). PostgreSQL delivers a notification at commit, once per
-- transaction however many rows changed.

-- A row's due time was written: the service's timers look again. Its tables call this from a trigger.
CREATE FUNCTION dispatch_wake_timers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dispatch_timers', '');
    RETURN NULL;
END
$$;

-- An event was recorded: the outbox relay sends it now rather than at its next poll.
CREATE FUNCTION dispatch_wake_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dispatch_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_event_wakes_relay AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_wake_outbox();
