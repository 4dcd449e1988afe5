// Package council is the catalogue of council acts that the Punto di Ascolto
// analyses and keeps (RULES.md §8): the interrogazioni (with written answer,
// with oral answer, question time), interpellanze, mozioni, risoluzioni and
// ordini del giorno filed with the Assemblea Capitolina and the councils of
// the fifteen Municipi.
//
// # Acts, bodies, numbers
//
// An act is identified by its body (Assemblea Capitolina, Municipio I to XV:
// Body, printed with Roman numerals) and its protocol number, "RQ/2021/2582"
// (Number: a register code, the year, a progressive number that restarts
// every year, DPR 445/2000 art. 57). It has presenters (councillors, public
// officials whose names are published with the act), an addressee (the
// Mayor, an assessore), a subject, matters, and dates: filing, answer or
// vote, withdrawal, lapse.
//
// Interrogazioni and interpellanze are instruments of sindacato ispettivo:
// the Mayor or the delegated assessori answer them, within 30 days by art. 43
// c. 3 TUEL and, for written answers in the Assemblea Capitolina, within 20
// days (art. 105 Regolamento del Consiglio Comunale, Del. C.C. 100/2002).
// Mozioni, risoluzioni and ordini del giorno are acts of direction: they are
// scheduled and voted. The answer terms are a Policy: DefaultPolicy gives 20
// days in the Assemblea and the 30-day TUEL bound in the Municipi, and
// WithTerm sets each Municipio's own regolamento.
//
// # History, lifecycle, deadlines
//
// Like every procedure in ascolto, an act is an append-only, hash-chained
// history (package history) of Events (registered, classified, linked,
// reminded, scheduled, answered, voted, withdrawn, lapsed), each recorded at
// an instant for a day of the fact by an actor under a rule. Replay folds the
// history into an Item, the act as catalogued: its state under the lifecycle
// table of its kind (Lifecycle, drawable with DOT), and its answer deadline
// with the explanation of how it was computed. A Service records one act per
// method, each Verb(ctx, Act, payload) as in every procedure, and refuses,
// appending nothing, what the table or the catalogue's rules do not allow;
// Get reads an act. Store is a history.Store of council events;
// NewMemoryStore returns one in memory, and counciltest is the suite any
// other implementation runs.
//
// # Search and the quarterly state
//
// Service.Search finds acts by body, kind, state, matter, presenter, council
// group and filing period, through the store's index. Questions (and
// Service.Questions) count, per body, the interrogazioni and interpellanze
// of a period by outcome: answered in time, answered late, withdrawn, lapsed,
// pending and overdue at the end of the period, with the list of the overdue
// ones and their explained deadlines, the report some Municipi's regolamenti
// require every quarter.
package council
