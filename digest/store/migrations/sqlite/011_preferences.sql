-- Preferences: the sections a subscriber chose (digest.Sections.Key:
-- lower-cased titles, one per line; '' is every section), and an
-- edition's variant for each distinct choice, rendered with it and
-- covered by its approval.
ALTER TABLE subscribers ADD COLUMN sections TEXT NOT NULL DEFAULT '';
CREATE INDEX subscribers_sections ON subscribers (status, sections);

CREATE TABLE edition_variants (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    sections   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    mail_html  BLOB NOT NULL,
    mail_text  BLOB NOT NULL,
    PRIMARY KEY (edition_id, sections)
);
