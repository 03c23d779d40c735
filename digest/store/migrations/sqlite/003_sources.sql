-- Feed entries are stored once: by GUID, then by canonical URL, then by
-- content hash (the unique column since 001).
ALTER TABLE articles ADD COLUMN guid TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN section_hint TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_guid ON articles (guid) WHERE guid != '';
CREATE INDEX articles_url ON articles (url) WHERE url != '';

-- What the fetcher remembers about each live source between runs.
CREATE TABLE sources (
    key           TEXT PRIMARY KEY, -- kind:url
    kind          TEXT NOT NULL,
    url           TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    error_count   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    last_fetched  TEXT NOT NULL DEFAULT '',
    last_success  TEXT NOT NULL DEFAULT '',
    next_attempt  TEXT NOT NULL DEFAULT '',
    articles      INTEGER NOT NULL DEFAULT 0
);
