-- The time bank: service hours (信用時) come from completed orders; honour hours (榮譽時) are certified by
-- an organiser for activities outside orders.
CREATE TABLE honour_hours (
    id           UUID PRIMARY KEY,
    volunteer_id UUID          NOT NULL REFERENCES volunteer (member_id),
    hours        NUMERIC(6, 1) NOT NULL CHECK (hours > 0),
    activity     TEXT          NOT NULL,
    on_date      DATE          NOT NULL,
    certified_by TEXT          NOT NULL,
    recorded_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX honour_hours_volunteer ON honour_hours (volunteer_id, on_date);
CREATE INDEX order_offer_completed ON order_offer (volunteer_id, completed_at) WHERE status IN ('COMPLETED', 'SUPERSEDED');
