-- Values derived from each history (a register row), each under a name and
-- with the head it was built from: a cache, not part of the histories. A
-- kept value counts only while its history's head is still the one it was
-- built from; dropping the rows loses nothing but the time to build them
-- again. IF NOT EXISTS: databases of a development build created it outside
-- the numbered migrations.
CREATE TABLE IF NOT EXISTS projections (
	procedure TEXT NOT NULL,
	name      TEXT NOT NULL,
	id        TEXT NOT NULL,
	version   BIGINT NOT NULL,
	head      BLOB NOT NULL,
	body      BLOB NOT NULL,
	PRIMARY KEY (procedure, name, id)
);
