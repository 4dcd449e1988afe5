-- ascolto_write performs the common Write, one history created or
-- continued by a few records, in one statement: one round trip instead of
-- a transaction's five. Creating (p_expected = 0) inserts the history
-- unless its ID is taken; appending locks the history's row and continues
-- it only if it is still at p_expected with head hash p_prev (the
-- compare-and-set of the contract), then inserts the records and, when the
-- tags changed, rewrites the history's tag rows. It returns whether it
-- wrote (ok), whether the history exists (present), and the stored head it found
-- when it did not write, from which the caller says which error it is.
-- Each statement of a volatile function reads the latest committed rows,
-- so the tags compared are those of the row it locked.
CREATE FUNCTION ascolto_write(
	p_procedure text, p_id text, p_expected bigint, p_prev bytea,
	p_version bigint, p_head bytea,
	p_kind text, p_state text, p_office text, p_channel text, p_received text, p_due text,
	p_tags text, p_tag_list text[],
	p_versions bigint[], p_prevs bytea[], p_hashes bytea[], p_bytes bytea[],
	OUT ok boolean, OUT present boolean, OUT stored_version bigint, OUT stored_head bytea)
LANGUAGE plpgsql AS $$
DECLARE
	old_tags text;
BEGIN
	ok := false;
	IF p_expected = 0 THEN
		INSERT INTO histories (procedure, id, version, head, kind, state, office, channel, received, due, tags)
		VALUES (p_procedure, p_id, p_version, p_head, p_kind, p_state, p_office, p_channel, p_received, p_due, p_tags)
		ON CONFLICT DO NOTHING;
		present := NOT FOUND;
		IF present THEN
			RETURN;
		END IF;
	ELSE
		SELECT h.version, h.head, h.tags INTO stored_version, stored_head, old_tags
		FROM histories h WHERE h.procedure = p_procedure AND h.id = p_id FOR UPDATE;
		present := FOUND;
		IF NOT present OR stored_version <> p_expected OR stored_head <> p_prev THEN
			RETURN;
		END IF;
		UPDATE histories SET version = p_version, head = p_head, kind = p_kind, state = p_state, office = p_office,
			channel = p_channel, received = p_received, due = p_due, tags = p_tags
		WHERE procedure = p_procedure AND id = p_id;
	END IF;
	INSERT INTO records (procedure, id, version, prev, hash, bytes)
	SELECT p_procedure, p_id, r.version, r.prev, r.hash, r.bytes
	FROM unnest(p_versions, p_prevs, p_hashes, p_bytes) AS r(version, prev, hash, bytes);
	IF p_expected = 0 OR old_tags IS DISTINCT FROM p_tags THEN
		IF p_expected > 0 THEN
			DELETE FROM tags WHERE procedure = p_procedure AND id = p_id;
		END IF;
		INSERT INTO tags (procedure, tag, id)
		SELECT p_procedure, t, p_id FROM unnest(p_tag_list) AS t
		ON CONFLICT DO NOTHING;
	END IF;
	ok := true;
END
$$;
