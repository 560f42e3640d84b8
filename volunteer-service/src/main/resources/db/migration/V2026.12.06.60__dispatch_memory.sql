-- Dispatch decides from memory (DispatchMemory): the volunteers' profiles, the buildings on the map and the rules.
-- Every write of one of those rows takes the next number of one sequence, so a decision reads the last number given
-- and, when its copy is behind, only the rows changed since; and each committed change (a delete too) is told on the
-- channel 'dispatch_changes' as "<table>:<key>:<number>", for a change numbered before another may commit after it.
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

-- The key column's name is the trigger's argument.
CREATE FUNCTION dispatch_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed JSONB := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
    PERFORM pg_notify('dispatch_changes', TG_TABLE_NAME || ':' || (changed ->> TG_ARGV[0]) || ':'
        || CASE WHEN TG_OP = 'DELETE' THEN '' ELSE changed ->> 'change' END);
    RETURN NULL;
END $$;

CREATE TRIGGER volunteer_numbers_change BEFORE UPDATE ON volunteer
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();
CREATE TRIGGER building_place_numbers_change BEFORE UPDATE ON building_place
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();
CREATE TRIGGER dispatch_rule_numbers_change BEFORE UPDATE ON dispatch_rule
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dispatch_number_change();

CREATE TRIGGER volunteer_tells_change AFTER INSERT OR UPDATE OR DELETE ON volunteer
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('member_id');
CREATE TRIGGER building_place_tells_change AFTER INSERT OR UPDATE OR DELETE ON building_place
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('building');
CREATE TRIGGER dispatch_rule_tells_change AFTER INSERT OR UPDATE OR DELETE ON dispatch_rule
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('category_code');

-- A volunteer's load, read at every decision across the community: open orders and hours completed lately (the
-- statuses are spelled out in the query, so these partial indexes serve it in a generic plan too).
CREATE INDEX order_offer_open_load ON order_offer (volunteer_id) WHERE status IN ('OFFERED', 'ACCEPTED', 'STARTED');
CREATE INDEX order_offer_recent ON order_offer (completed_at) WHERE status = 'COMPLETED';
