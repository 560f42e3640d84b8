-- A resident's live stream resumes from the outbox: the events about their requests (by key, the
-- request id) and their submissions (by requesterId) after the last one they saw.
CREATE INDEX outbox_event_by_request ON outbox_event (message_key, seq) WHERE topic = 'dispatch.request-events';
CREATE INDEX outbox_event_by_requester ON outbox_event ((payload->'data'->>'requesterId'), seq)
    WHERE topic = 'dispatch.request-events';
