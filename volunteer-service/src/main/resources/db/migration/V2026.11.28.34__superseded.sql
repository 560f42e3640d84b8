-- A completed order whose request was reopened (重辦) is superseded: it keeps its hours but no longer
-- holds the request, so the next round can give it to someone (or the same volunteer) again.
ALTER TABLE order_offer DROP CONSTRAINT order_offer_status_check;
ALTER TABLE order_offer ADD CONSTRAINT order_offer_status_check CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED',
    'EXPIRED', 'STARTED', 'COMPLETED', 'RELEASED', 'WITHDRAWN', 'SUPERSEDED'));
