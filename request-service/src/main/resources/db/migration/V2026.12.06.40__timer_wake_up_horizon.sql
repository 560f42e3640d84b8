-- Only a due time the timers might sleep past wakes them: one within WakeUps.HORIZON (30 s; no timer listening to
-- wake-ups sleeps longer). A request's SLA deadline hours away no longer runs a round of every timer at each submission.
DROP TRIGGER service_request_wakes_timers ON service_request;
CREATE TRIGGER service_request_wakes_timers AFTER INSERT OR UPDATE OF due_at ON service_request
    FOR EACH ROW WHEN (NEW.due_at < now() + interval '30 seconds') EXECUTE FUNCTION dispatch_wake('dispatch_timers');
DROP TRIGGER deliberation_wakes_timers ON deliberation;
CREATE TRIGGER deliberation_wakes_timers AFTER INSERT OR UPDATE OF step_due_at ON deliberation
    FOR EACH ROW WHEN (NEW.step_due_at < now() + interval '30 seconds') EXECUTE FUNCTION dispatch_wake('dispatch_timers');
