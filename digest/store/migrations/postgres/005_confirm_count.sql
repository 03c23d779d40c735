-- How many confirmation links an address has been mailed since it last
-- used one: each further link waits longer (linkBackoff), so nobody can
-- have a stranger's address mailed a link every hour without end.
ALTER TABLE subscribers ADD COLUMN confirm_count INTEGER NOT NULL DEFAULT 0;
