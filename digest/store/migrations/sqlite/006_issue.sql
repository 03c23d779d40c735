-- Each built edition's number (No. 1, 2, …), in its title and subject, so
-- no two editions share a subject. Skipped slots have none (0).
ALTER TABLE editions ADD COLUMN issue INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX editions_issue ON editions (issue) WHERE issue > 0;
