-- Histories, their records and their tags, one set of tables for every
-- procedure (the procedure column is the namespace).
CREATE TABLE histories (
	procedure TEXT NOT NULL,
	id        TEXT NOT NULL,
	version   INTEGER NOT NULL,
	head      BLOB NOT NULL,
	kind      TEXT NOT NULL,
	state     TEXT NOT NULL,
	office    TEXT NOT NULL,
	channel   TEXT NOT NULL,
	received  TEXT NOT NULL, -- ISO date, '' for none
	due       TEXT,          -- ISO date, NULL when nothing is due
	tags      TEXT,          -- JSON array in the order written, NULL for none
	PRIMARY KEY (procedure, id)
);
CREATE INDEX histories_received ON histories (procedure, received, id);
CREATE INDEX histories_due ON histories (procedure, due, id) WHERE due IS NOT NULL;

CREATE TABLE records (
	procedure TEXT NOT NULL,
	id        TEXT NOT NULL,
	version   INTEGER NOT NULL,
	prev      BLOB NOT NULL,
	hash      BLOB NOT NULL,
	bytes     BLOB NOT NULL, -- history.Encode, exactly the bytes hashed
	PRIMARY KEY (procedure, id, version),
	FOREIGN KEY (procedure, id) REFERENCES histories (procedure, id)
);

CREATE TABLE tags (
	procedure TEXT NOT NULL,
	tag       TEXT NOT NULL,
	id        TEXT NOT NULL,
	PRIMARY KEY (procedure, tag, id),
	FOREIGN KEY (procedure, id) REFERENCES histories (procedure, id)
);
CREATE INDEX tags_history ON tags (procedure, id);
