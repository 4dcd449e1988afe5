// Package complaint handles what citizens write to an administration
// about its services: reclami (complaints), segnalazioni (reports of a
// problem to fix), suggerimenti, apprezzamenti and richieste di
// informazioni. It is built for Roma Capitale's Ufficio Punto di Ascolto,
// the second-level desk behind the ChiamaRoma 060606 contact centre, and
// fits any Italian administration that answers citizens on a service
// charter.
//
// # The procedure
//
// No national law sets one complaint procedure. The service-charter
// directive (Direttiva P.C.M. 27 gennaio 1994) requires a complaint
// procedure ending in a full answer within a pre-set term; 30 calendar days
// is the common practice and the default here (RULES.md §6, a policy
// choice: Policy). Rome's Sistema Unico di Segnalazione shows citizens
// three phases, Registrata, In lavorazione and Chiusa (State.Phase); the
// desk needs more: assignment to the competent office through the
// office.Directory and forwarding between offices, waiting for the citizen,
// the answer, reopening when the citizen is not satisfied (with a new answer
// term), merging a duplicate into the report it repeats, and sending a case
// outside the administration (AMA, ATAC, another body). Lifecycle is the
// table of acts, each with the roles that may perform it and its basis;
// Service performs them.
//
// # Choices the law leaves open
//
// Each is a Policy field with a documented default, cited with Confidence
// Policy (the administration's own regulation or charter):
//
//   - the answer term, per kind and per category (Taxonomy): 30 days;
//   - whether the term is suspended while the citizen is asked for more
//     information: no (the earlier date is the safer one), with 15 days for
//     the citizen's reply after which the desk may close the case;
//   - when a 060606 escalation's term starts: on the citizen's call to
//     060606, the administration's own contact centre, not on the desk's
//     receipt;
//   - whether internal forwarding restarts the term: no;
//   - how long after an answer the citizen may ask to reopen: 30 days; a
//     reopening starts a new answer term from the request;
//   - what a duplicate is: same category, within 50 m, in the last 90 days.
//
// # History, deadlines, duplicates
//
// A complaint is its history: hash-chained records (who, when it was
// recorded, the day of the fact, what, under which rule) in a Store, the
// history.Store every procedure of ascolto shares. Every act is
// Service.Verb(ctx, Act, payload): the Act names the complaint, the actor,
// the day of the fact (Act.On, default today; terms run from it) and,
// optionally, the version the actor saw; a refused act writes nothing, and
// errors wrap the shared sentinels (ErrNotFound, ErrInvalid, ErrForbidden,
// ErrNotAllowed, ErrConflict, ErrRule...). Every text field has a limit
// in characters, declared on the field (`limit` tag): summaries 1000, the
// citizen's and the office's long texts 20000, names, contacts, references
// and short notes 500; a longer text, or one not valid UTF-8, is a
// *history.TextError. The Config's Calendar is required: Roma Capitale
// passes deadline.Rome(), other administrations deadline.Italy().
//
// Replay folds the records into a View with every deadline explained by
// deadline.Calendar.Explain and marked with a stable Code (AnswerCode,
// ReopeningAnswerCode, CitizenReplyCode); the Index a store keeps (state,
// office, dates, the earliest unmet due date, tags for category, Municipio,
// the street's name and a geographic cell) is derived from the View and
// holds no personal data.
//
// A merged duplicate records its Merger event and its master records
// EventDuplicateAdded, both in one atomic write, so two crossed mergers
// cannot both succeed. The duplicate's View resolves the master
// (Service.Get follows the chain, and leaves Master nil on a chain that
// loops) and shows the master's state and outcome, so when the master is
// answered or closed every duplicate shows it without anything written to
// the duplicates. The duplicates of a master are found by its
// "master:<id>" tag (Service.Duplicates). FindDuplicates proposes reports
// of the same problem (same category, within 50 m by haversine, or same
// address) by looking up only the geographic cells (about 222 m a side) and
// the street of the report, with Lists narrowed by those selective tags,
// the category and the dates. Any Store gets the same results with List
// and Load; the in-memory store indexes tags, and a SQL store should index
// its tags table, so that each List is answered from the few complaints
// carrying the tag, never by scanning every complaint of the date range.
//
// # Personal data and interoperability
//
// The reporter (Person), the citizen's text, media, the answers to the
// category's questions (Filed.Attributes, read back with
// Service.Attributes: a licence plate, a photo's link) and the 060606
// ticket stay in the history. Public is the publishable projection (kind,
// category, Municipio, dates, state, office, outcome and the office's own
// summaries), and package complaint/open311 converts complaints to and
// from Open311 GeoReport v2 service requests and serves them
// (open311.Handler), whose public representation carries none of the
// reporter's data. The place is published coarser than it is kept
// (View.PublicPlace): the street and civic number only, without what the
// citizen wrote after them (interno, scala, "c/o" and a name), and the
// position rounded to 4 decimals (about 10 m); the View keeps the exact
// place for the office, and the Index only the street's name and a cell
// about 222 m a side. The office's summaries are published as written,
// so every act that takes one (File, Answer, ForwardOutside with its
// reference, RecordExternalReply, Reclassify) refuses a text containing the
// reporter's names, codes, contacts or address, or anyone's codice fiscale,
// e-mail, telephone number or IBAN, with a *RuleError citing art. 5 c. 1
// lett. c Reg. UE 2016/679 (data minimisation), and stores nothing; an
// answer's summary, which merged duplicates show too, is also checked
// against their reporters.
package complaint
