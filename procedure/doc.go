// Package procedure is what the four procedures of ascolto (access,
// complaint, petition, council acts) share, so that they read and behave
// as one family:
//
//   - one way to act: every act is Service.X(ctx, Act, payload), where Act
//     says which case, who, on which day the fact took place and, optionally,
//     which version the actor saw;
//   - one lifecycle shape: a Table per procedure, one Row per act with its
//     states, roles and legal basis, answering Permitted and drawing DOT;
//   - one error vocabulary: ErrNotAllowed, ErrForbidden, ErrRule,
//     ErrPersonalData here, and history's ErrNotFound, ErrExists,
//     ErrConflict, ErrInvalid, ErrBroken, each procedure re-exporting the
//     same values;
//   - one loop: Runner loads a history, folds it, checks the act, builds and
//     seals the event, folds it, and writes it with the expected version,
//     atomically with any other history a rule across histories touches;
//     a refused act writes nothing;
//   - one text rule: every text field has a documented limit (a `limit`
//     struct tag, or DefaultTextLimit) and must be valid UTF-8;
//   - one retry helper (Retry) and one reindex (Runner.Reindex).
//
// An administration can write a procedure of its own on the same pieces.
package procedure
