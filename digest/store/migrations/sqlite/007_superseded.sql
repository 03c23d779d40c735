-- A dropped file whose content changed is a new article; the earlier one
-- read from the same file is superseded, and no longer a candidate.
ALTER TABLE articles ADD COLUMN superseded_by TEXT NOT NULL DEFAULT '';

