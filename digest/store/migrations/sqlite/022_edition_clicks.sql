-- Clicks on an edition's article links through the public face's
-- redirect (web.count_clicks): one aggregate count per edition and item.
-- By design there is no subscriber, address, IP or user agent here, so
-- the counts can never say who read what.
CREATE TABLE edition_clicks (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    item       INTEGER NOT NULL CHECK (item > 0),
    clicks     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edition_id, item)
);
