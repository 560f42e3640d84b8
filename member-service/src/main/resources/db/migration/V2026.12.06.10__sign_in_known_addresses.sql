-- The client addresses each account signed in from with its password: a password-guessing attack past the
-- account's ceiling slows attempts from other addresses only, so the owner is never locked out by it.
CREATE TABLE sign_in_known_address (
    username        TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    last_success_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (username, address)
);
