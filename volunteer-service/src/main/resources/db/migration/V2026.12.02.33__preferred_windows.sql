-- When the requester wants the help (their preferred window, from the submission), and — for a request
-- wanted later — when its first offer is due (the window's start less the lead time). The deferred
-- dispatch timer claims the due ones; writing a due time wakes the timers of every instance.
ALTER TABLE dispatch ADD COLUMN wanted_from TIMESTAMPTZ;
ALTER TABLE dispatch ADD COLUMN wanted_to TIMESTAMPTZ;
ALTER TABLE dispatch ADD COLUMN offer_after TIMESTAMPTZ;
CREATE INDEX dispatch_deferred ON dispatch (offer_after) WHERE offer_after IS NOT NULL;
CREATE TRIGGER dispatch_wakes_timers AFTER INSERT OR UPDATE OF offer_after ON dispatch
    FOR EACH ROW WHEN (NEW.offer_after IS NOT NULL) EXECUTE FUNCTION dispatch_wake('dispatch_timers');
