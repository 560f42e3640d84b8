-- Who entered a request on the requester's behalf (a grid worker, a chief, staff): never offered it either.
ALTER TABLE dispatch ADD COLUMN submitted_by UUID;
