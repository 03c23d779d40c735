-- An edition is rendered once, at its build or an editor's change: the
-- mail parts (with the unsubscribe placeholder) and the header values its
-- messages carry are stored beside the web copy, and sending composes
-- from them alone.
ALTER TABLE editions ADD COLUMN mail_html BLOB NOT NULL DEFAULT x'';
ALTER TABLE editions ADD COLUMN mail_text BLOB NOT NULL DEFAULT x'';
ALTER TABLE editions ADD COLUMN mail_header TEXT NOT NULL DEFAULT '{}';
-- Files that could not be read when the edition was built, listed as left
-- out; a rebuild keeps listing them. Before, they were read back from the
-- public JSON.
ALTER TABLE editions ADD COLUMN unreadable TEXT NOT NULL DEFAULT '[]';
