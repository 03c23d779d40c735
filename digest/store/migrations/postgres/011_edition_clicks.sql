-- As SQLite's 022: one aggregate click count per edition and item, with
-- nothing that says who clicked.
CREATE TABLE edition_clicks (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    item_id    TEXT NOT NULL CHECK (item_id <> ''),
    clicks     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (edition_id, item_id)
);
