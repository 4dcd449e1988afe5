// Package history is the public contract every ascolto store honours: the
// append-only, hash-chained history each procedure keeps (an access request,
// a complaint, a petition, a council act), the Index a store keeps beside it
// to answer queries, the Store interface, a generic in-memory Store, and
// (in historytest) the conformance suite any implementation runs.
//
// Each Record says what happened (an event of the procedure's own type),
// when it was recorded (At), the day of the fact (On), who did it and under
// which rule, and carries the hash of its predecessor. The hash is taken
// over an injective canonical encoding (Encode), which is also what a store
// keeps, byte for byte. A store keeps each history's Head (version and last
// hash) apart from its records, so Verify finds an edited, reordered,
// missing or extra record, and a history cut short. Publications state the
// heads they were built from (Digest), so anyone holding the histories can
// rebuild them and prove them unchanged.
//
// The history is the single source of truth: states, deadlines, register
// rows and reports are derived from it. The Index is a projection written
// atomically with the records it derives from; it can always be rebuilt.
//
// # Writing a Store: the checklist
//
// historytest.Run checks each of these; a store that passes it can back
// every procedure.
//
//   - Atomicity. Write applies every Change of the batch or none, and a
//     reader never sees part of a batch. Use one database transaction per
//     Write. A crash or a cancelled context in the middle leaves the previous
//     state readable and whole.
//   - Validation first. Call Prepare before touching storage: it refuses
//     (ErrInvalid) a malformed batch and gives the exact bytes to store.
//     Store Encoded.Bytes as they are (BLOB/BYTEA, never re-encoded JSON),
//     with their Version, Prev and Hash.
//   - Expected version. Inside the transaction read each history's stored
//     Head and call Prepared.Check: the version must equal Expected
//     (ErrConflict otherwise) and the first record must link to the stored
//     hash. Expected 0 creates: ErrExists if the ID is taken. Expected > 0 on
//     a missing ID: ErrNotFound. Under concurrency, exactly one of several
//     writers at one version wins; across handles (two connection pools,
//     two processes) as well as within one.
//   - Which error wins. A done context first (its own error); then
//     ErrInvalid for the batch as a whole; then, change by change in batch
//     order, ErrExists, ErrNotFound or ErrConflict for the first that fails.
//   - Reading. Load returns the stored Head, the Index and the records after
//     the given version, decoded with DecodeAll, which checks each record's
//     bytes against its stored hash and that no version is missing
//     (*BrokenError otherwise). Never return memory the store keeps, nor keep
//     memory a caller passed in.
//   - Time. At is stored to the nanosecond and read back in UTC; On and the
//     index dates are civil dates, not instants, and must not move with the
//     server's time zone.
//   - Tags. Nil and empty tags are the same and read back as nil; tags read
//     back in the order written.
//   - Order. List orders by (Received, ID), or (Due, ID) when a due range is
//     set, comparing IDs byte by byte (in SQL: COLLATE "C"), and pages with
//     Cursor and ParseCursor. IDs may be mixed-case and non-ASCII.
//   - Context. Every method returns the context's error once it is done,
//     and stores nothing then.
//   - Size. A history of many thousands of records (a popular proposal's
//     signatures) loads whole, and Load with after > 0 returns only the tail.
package history
