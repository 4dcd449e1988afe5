-- Values derived from each history (a register row), each under a name and
-- with the head it was built from: a cache, not part of the histories. A
-- kept value counts only while its history's head is still the one it was
-- built from; dropping the rows loses nothing but the time to build them
-- again. IF NOT EXISTS: databases of a development build created it outside
-- the numbered migrations. Keys compare byte by byte (COLLATE "C").
CREATE TABLE IF NOT EXISTS projections (
	procedure text COLLATE "C" NOT NULL,
	name      text COLLATE "C" NOT NULL,
	id        text COLLATE "C" NOT NULL,
	version   bigint NOT NULL,
	head      bytea NOT NULL,
	body      bytea NOT NULL,
	PRIMARY KEY (procedure, name, id)
);
