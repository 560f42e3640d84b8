-- A volunteer's live stream resumes from the outbox: their order events after the last one they saw.
CREATE INDEX outbox_event_by_volunteer ON outbox_event ((payload->'data'->>'volunteerId'), seq)
    WHERE topic = 'dispatch.order-events';
