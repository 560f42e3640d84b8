-- A new offer (or a changed expiry) wakes the offer timers of every instance (WakeUps).
CREATE TRIGGER order_offer_wakes_timers AFTER INSERT OR UPDATE OF expires_at ON order_offer
    FOR EACH ROW WHEN (NEW.status = 'OFFERED') EXECUTE FUNCTION dispatch_wake('dispatch_timers');
