-- Wakes the service's timers (TimerWakeUps listens on this channel) when a row's due time is written.
-- A service's table calls it from a trigger; PostgreSQL delivers the notification at commit, once per
-- transaction however many rows changed.
CREATE FUNCTION dispatch_wake_timers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dispatch_timers', '');
    RETURN NULL;
END
$$;
