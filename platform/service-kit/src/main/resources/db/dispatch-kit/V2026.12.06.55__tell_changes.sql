-- Changes of rows a service keeps in memory (WakeUps.changes): a row trigger calls
-- dispatch_tell_change('<key column>', '<number column>') and PostgreSQL delivers, at commit, on the channel
-- dispatch_changes, "<table>:<key>:<number>" — the row's number after the change (a version, a change number) so a
-- copy that has it already reads nothing; after a delete the number is empty.
CREATE FUNCTION dispatch_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed JSONB := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
    PERFORM pg_notify('dispatch_changes', TG_TABLE_NAME || ':' || (changed ->> TG_ARGV[0]) || ':'
        || CASE WHEN TG_OP = 'DELETE' THEN '' ELSE changed ->> TG_ARGV[1] END);
    RETURN NULL;
END
$$;
