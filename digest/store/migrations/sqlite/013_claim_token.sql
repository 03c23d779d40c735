-- A claim's fencing token: every claim of a row takes the next number, and
-- every later change of the row names the token it was claimed with. A
-- sender frozen past its lease whose rows were claimed by another instance
-- finds its token stale and changes nothing, so it never sends them again.
ALTER TABLE deliveries ADD COLUMN claim_token INTEGER NOT NULL DEFAULT 0;
