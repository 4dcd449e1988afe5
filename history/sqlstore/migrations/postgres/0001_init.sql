-- Histories, their records and their tags, one set of tables for every
-- procedure (the procedure column is the namespace). Keys and dates compare
-- byte by byte (COLLATE "C"), as the history contract says.
CREATE TABLE histories (
	procedure text COLLATE "C" NOT NULL,
	id        text COLLATE "C" NOT NULL,
	version   bigint NOT NULL,
	head      bytea NOT NULL,
	kind      text NOT NULL,
	state     text NOT NULL,
	office    text NOT NULL,
	channel   text NOT NULL,
	received  text COLLATE "C" NOT NULL, -- ISO date, '' for none
	due       text COLLATE "C",          -- ISO date, NULL when nothing is due
	tags      text,                      -- JSON array in the order written, NULL for none
	PRIMARY KEY (procedure, id)
);
CREATE INDEX histories_received ON histories (procedure, received, id);
CREATE INDEX histories_due ON histories (procedure, due, id) WHERE due IS NOT NULL;

CREATE TABLE records (
	procedure text COLLATE "C" NOT NULL,
	id        text COLLATE "C" NOT NULL,
	version   bigint NOT NULL,
	prev      bytea NOT NULL,
	hash      bytea NOT NULL,
	bytes     bytea NOT NULL, -- history.Encode, exactly the bytes hashed
	PRIMARY KEY (procedure, id, version),
	FOREIGN KEY (procedure, id) REFERENCES histories (procedure, id)
);

CREATE TABLE tags (
	procedure text COLLATE "C" NOT NULL,
	tag       text COLLATE "C" NOT NULL,
	id        text COLLATE "C" NOT NULL,
	PRIMARY KEY (procedure, tag, id),
	FOREIGN KEY (procedure, id) REFERENCES histories (procedure, id)
);
CREATE INDEX tags_history ON tags (procedure, id);
