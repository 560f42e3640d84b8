-- A written deadline or dispute rung wakes the request timers of every instance (WakeUps).
CREATE TRIGGER service_request_wakes_timers AFTER INSERT OR UPDATE OF due_at ON service_request
    FOR EACH ROW WHEN (NEW.due_at IS NOT NULL) EXECUTE FUNCTION dispatch_wake('dispatch_timers');
CREATE TRIGGER deliberation_wakes_timers AFTER INSERT OR UPDATE OF step_due_at ON deliberation
    FOR EACH ROW WHEN (NEW.step_due_at IS NOT NULL) EXECUTE FUNCTION dispatch_wake('dispatch_timers');
