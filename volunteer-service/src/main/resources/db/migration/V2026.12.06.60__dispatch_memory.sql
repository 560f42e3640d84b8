-- Dispatch decides from memory (DispatchMemory): the volunteers' profiles, the buildings on the map and the rules.
-- Every write of one of those rows takes the next number of one sequence, so a decision reads the last number given
-- and, when its copy is behind, only the rows changed since; and each committed change (a delete too) is told on the
-- channel 'dispatch_changes' (the kit's dispatch_tell_change), for a change numbered before another may commit after it.
CREATE SEQUENCE dispatch_change;

ALTER TABLE volunteer ADD COLUMN change BIGINT NOT NULL DEFAULT nextval('dispatch_change');
ALTER TABLE building_place ADD COLUMN change BIGINT NOT NULL DEFAULT nextval('dispatch_change');
ALTER TABLE dispatch_rule ADD COLUMN change BIGINT NOT NULL DEFAULT nextval('dispatch_change');
CREATE INDEX volunteer_change ON volunteer (change);
CREATE INDEX building_place_change ON building_place (change);
CREATE INDEX dispatch_rule_change ON dispatch_rule (change);

CREATE FUNCTION dispatch_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change := nextval('dispatch_change');
    RETURN NEW;
END $$;

CREATE TRIGGER volunteer_numbers_change BEFORE UPDATE ON volunteer
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();
CREATE TRIGGER building_place_numbers_change BEFORE UPDATE ON building_place
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();
CREATE TRIGGER dispatch_rule_numbers_change BEFORE UPDATE ON dispatch_rule
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();

CREATE TRIGGER volunteer_tells_change AFTER INSERT OR UPDATE OR DELETE ON volunteer
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('member_id', 'change');
CREATE TRIGGER building_place_tells_change AFTER INSERT OR UPDATE OR DELETE ON building_place
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('building', 'change');
CREATE TRIGGER dispatch_rule_tells_change AFTER INSERT OR UPDATE OR DELETE ON dispatch_rule
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('category_code', 'change');

-- Volunteers' loads — open orders and hours completed lately — of a few volunteers at each decision, of everyone when
-- memory is read whole (the statuses are spelled out in the queries, so these partial indexes serve a generic plan).
CREATE INDEX order_offer_open_load ON order_offer (volunteer_id) WHERE status IN ('OFFERED', 'ACCEPTED', 'STARTED');
CREATE INDEX order_offer_recent ON order_offer (completed_at) WHERE status = 'COMPLETED';

-- A volunteer's load changes with their orders, and is told as "load:<volunteer>": the loads kept in memory guide the
-- ranking, and a decision reads exactly the load of those it would choose.
CREATE FUNCTION order_offer_tell_load() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dispatch_changes', 'load:' || NEW.volunteer_id);
    RETURN NULL;
END $$;
CREATE TRIGGER order_offer_tells_load AFTER INSERT OR UPDATE OF status, hours, completed_at ON order_offer
    FOR EACH ROW EXECUTE FUNCTION order_offer_tell_load();
