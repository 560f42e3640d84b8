-- Wake-ups (WakeUps listens on these channels). A trigger calls dispatch_wake('<channel>'); PostgreSQL
-- delivers the notification at commit, once per transaction however many rows changed.
--   dispatch_timers  a row's due time was written: the service's timers look again (the services'
--                    own tables have the triggers);
--   dispatch_outbox  an event was recorded: the outbox relay sends it now rather than at its next poll.
CREATE FUNCTION dispatch_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_event_wakes_relay AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_wake('dispatch_outbox');
