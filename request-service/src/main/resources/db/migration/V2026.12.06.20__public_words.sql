-- What Open311's public reads may show. A move's public note is only what a person chose to publish (a
-- volunteer's words for the public at check-out), never the note they wrote for the requester and staff.
ALTER TABLE request_timeline ADD COLUMN public_note TEXT;
-- Staff flag a category whose requests' descriptions, places (rounded to about 100 m) and photos may be
-- published when a municipal system filed them: public spaces (a broken lamp), never people's homes.
ALTER TABLE category ADD COLUMN public_details BOOLEAN NOT NULL DEFAULT false;
