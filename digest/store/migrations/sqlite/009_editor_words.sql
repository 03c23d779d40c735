-- The editor's words per edition: an intro note (a small Markdown
-- subset), a subject and a preheader that replace the generated ones.
CREATE TABLE edition_notes (
	edition_id TEXT PRIMARY KEY REFERENCES editions(id) ON DELETE CASCADE,
	intro      TEXT NOT NULL DEFAULT '',
	subject    TEXT NOT NULL DEFAULT '',
	preheader  TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);

-- An editor's sentence-level edits: a summary sentence (by the article it
-- comes from and its text as the engine chose it) removed, or swapped for
-- another sentence of the same article.
CREATE TABLE edition_sentence_edits (
	edition_id  TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
	article_id  TEXT NOT NULL,
	original    TEXT NOT NULL,
	replacement TEXT NOT NULL DEFAULT '', -- '' removes the sentence
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (edition_id, article_id, original)
);

-- An editor's order of items within a section: 1, 2, …; 0 leaves the
-- article where its importance puts it.
ALTER TABLE edition_overrides ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

-- The mail subject, when an editor wrote one; '' means the title.
ALTER TABLE editions ADD COLUMN subject TEXT NOT NULL DEFAULT '';
