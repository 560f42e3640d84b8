-- Only a due time the timers might sleep past wakes them: one within WakeUps.HORIZON (30 s; no timer listening to
-- wake-ups sleeps longer). An offer that expires in an hour no longer runs a round of every timer when it is made.
DROP TRIGGER order_offer_wakes_timers ON order_offer;
CREATE TRIGGER order_offer_wakes_timers AFTER INSERT OR UPDATE OF expires_at ON order_offer
    FOR EACH ROW WHEN (NEW.status = 'OFFERED' AND NEW.expires_at < now() + interval '30 seconds')
    EXECUTE FUNCTION dispatch_wake('dispatch_timers');
DROP TRIGGER dispatch_wakes_timers ON dispatch;
CREATE TRIGGER dispatch_wakes_timers AFTER INSERT OR UPDATE OF offer_after ON dispatch
    FOR EACH ROW WHEN (NEW.offer_after < now() + interval '30 seconds') EXECUTE FUNCTION dispatch_wake('dispatch_timers');
