-- Every instance keeps the catalogue in memory (Catalogue): a change of a category, committed by any instance or by
-- hand, is told to all of them.
CREATE TRIGGER category_tells_change AFTER INSERT OR UPDATE OR DELETE ON category
    FOR EACH ROW EXECUTE FUNCTION dispatch_tell_change('code', 'version');
