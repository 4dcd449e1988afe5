-- ascolto_write_many performs several acts' writes, each as ascolto_write
-- (migration 2) would, in one statement and so in one transaction: the
-- group commit of PostgreSQL, one round trip and one WAL flush for the acts
-- of several concurrent writers instead of one each. Change i (1-based) is
-- the i-th element of each per-change array; its tags are the next
-- p_tag_counts[i] elements of p_tag_lists, its records the next
-- p_rec_counts[i] elements of the record arrays. It returns one row per
-- change, in order: ascolto_write's result. A change sees the changes
-- before it in the batch (the same transaction), so two changes of one
-- history are checked one after the other, as two statements would be.
-- The caller sends the changes in ID order, the order every batch locks
-- rows in, so that two batches never wait on each other in a cycle.
CREATE FUNCTION ascolto_write_many(
	p_procedure text, p_ids text[], p_expected bigint[], p_prev bytea[],
	p_version bigint[], p_head bytea[],
	p_kind text[], p_state text[], p_office text[], p_channel text[], p_received text[], p_due text[],
	p_tags text[], p_tag_counts int[], p_tag_lists text[],
	p_rec_counts int[], p_versions bigint[], p_prevs bytea[], p_hashes bytea[], p_bytes bytea[])
RETURNS TABLE (ok boolean, present boolean, stored_version bigint, stored_head bytea)
LANGUAGE plpgsql AS $$
DECLARE
	t int := 0; -- tags used by the changes before i
	r int := 0; -- records used by the changes before i
BEGIN
	FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
		SELECT w.ok, w.present, w.stored_version, w.stored_head INTO ok, present, stored_version, stored_head
		FROM ascolto_write(p_procedure, p_ids[i], p_expected[i], p_prev[i], p_version[i], p_head[i],
			p_kind[i], p_state[i], p_office[i], p_channel[i], p_received[i], p_due[i], p_tags[i],
			coalesce(p_tag_lists[t + 1 : t + p_tag_counts[i]], '{}'),
			p_versions[r + 1 : r + p_rec_counts[i]], p_prevs[r + 1 : r + p_rec_counts[i]],
			p_hashes[r + 1 : r + p_rec_counts[i]], p_bytes[r + 1 : r + p_rec_counts[i]]) AS w;
		t := t + p_tag_counts[i];
		r := r + p_rec_counts[i];
		RETURN NEXT;
	END LOOP;
END
$$;
