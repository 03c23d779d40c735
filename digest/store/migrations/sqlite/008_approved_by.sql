-- Who approved an edition: the editors' basic-auth user, "local" on an
-- unauthenticated loopback desk, or the command line.
ALTER TABLE editions ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
