-- Clicks on an edition's article links through the public face's
-- redirect (web.count_clicks): one aggregate count per edition and item
-- (the item's article id, as its link names it). By design there is no
-- subscriber, address, IP or user agent here, so the counts can never
-- say who read what.
CREATE TABLE edition_clicks (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    item_id    TEXT NOT NULL CHECK (item_id <> ''),
    clicks     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edition_id, item_id)
);
