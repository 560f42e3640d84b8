-- A grid's board stream resumes from the outbox too: the submissions in the grid (by gridCode) after the
-- last event seen; the moves of its requests go by key (outbox_event_by_request).
CREATE INDEX outbox_event_by_grid ON outbox_event ((payload->'data'->>'gridCode'), seq)
    WHERE topic = 'dispatch.request-events';
