-- A password someone else chose or saw (the first admin's generated one) must be replaced at first sign-in;
-- until then sign-in gives a token without roles, good only for changing it.
ALTER TABLE member ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT false;
