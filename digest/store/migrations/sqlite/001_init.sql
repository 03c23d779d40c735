-- Articles are stored once per cleaned body; first_seen never changes, so
-- an article keeps its place in history however often it is re-read.
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    origin       TEXT NOT NULL,
    source       TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    publication  TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    authors      TEXT NOT NULL DEFAULT '[]',
    paragraphs   TEXT NOT NULL,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL
);
CREATE INDEX articles_source ON articles (source);

-- An edition's key is its slot: a manual build or a scheduled time. The
-- unique key is what makes creating an edition idempotent.
CREATE TABLE editions (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('manual', 'scheduled')),
    status     TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sending', 'sent', 'skipped', 'failed')),
    title      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    built_at   TEXT NOT NULL DEFAULT '',
    dir        TEXT NOT NULL DEFAULT '',
    html       BLOB,
    text       BLOB,
    json       BLOB,
    note       TEXT NOT NULL DEFAULT ''
);

-- Which articles an edition holds, so later editions know what is new.
CREATE TABLE edition_items (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    section    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (edition_id, article_id)
);
CREATE INDEX edition_items_article ON edition_items (article_id);
