-- Who leads which team, appointed by staff. A team leader's powers reach exactly the teams they lead:
-- joining another team gives none.
CREATE TABLE team_leader (
    team_key  TEXT NOT NULL REFERENCES team (key),
    member_id UUID NOT NULL REFERENCES volunteer (member_id),
    PRIMARY KEY (team_key, member_id)
);
CREATE INDEX team_leader_member ON team_leader (member_id);

-- Whose request it is, so nobody is offered their own.
ALTER TABLE dispatch ADD COLUMN requester_id UUID;
