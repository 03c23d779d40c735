-- Every editorial change made through the desk: who made it, when, what
-- (kind, and a sentence for people), and the edition's editorial state
-- just before it (before_state, JSON of digest.EditorialState; '' for a
-- change with nothing to restore, such as a send). Undo restores that
-- state as it was, rather than guessing an inverse, and is itself a row
-- naming the change it undid (undoes). edition_id is '' for desk-wide
-- changes (the schedule's pause).
CREATE TABLE editorial_changes (
    id           INTEGER PRIMARY KEY,
    edition_id   TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    editor       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    words        TEXT NOT NULL,
    before_state TEXT NOT NULL DEFAULT '',
    undoes       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX editorial_changes_edition ON editorial_changes (edition_id, id);
