// Package petition runs popular initiatives: petitions, popular
// interrogazioni and interpellanze, and popular proposals of deliberation,
// from their registration and signature collection to the answer, with the
// thresholds, collection windows, answer terms and eligibility rules of the
// administration that receives them.
//
// # The law
//
// The Constitution (art. 50) and the TUEL (D.Lgs. 267/2000 art. 8 c. 3) leave
// to each municipal statute the procedures for istanze, petizioni e
// proposte. Rome's, the shipped default (Rome), follows the Statuto di Roma
// Capitale (Del. AC 8/2013, amended 2018) and the Regolamento per gli
// istituti di partecipazione (Del. CC 101/1994):
//
//   - a petizione, by one person or an association, to the Mayor or the
//     Assemblea Capitolina (art. 8 c. 6); online with SPID when it has a
//     single signatory; concluded within 60 days [S];
//   - an interrogazione or interpellanza popolare to the Mayor, with at
//     least 200 signatures: written answer within 60 days of filing, 30 on
//     equal opportunities (art. 8 c. 5) [T], which the office declares at
//     registration (Registration.EqualOpportunities) or, failing that, a
//     matter naming "pari opportunità" as whole words selects;
//   - a proposta di deliberazione to the Assemblea or the Giunta, with at
//     least 5,000 signatures collected in the 3 months before filing,
//     decided within 6 months of filing (art. 8 c. 2-3) [T];
//   - signatories of the four categories of art. 6 c. 1: citizens on
//     Rome's electoral lists (residents or not: electors registered abroad,
//     AIRE, are on the lists); non-residents with the right to vote who work
//     mainly in Rome; non-resident students, with the right to vote, of
//     Rome's schools and universities; foreigners of age resident or
//     domiciled in Rome.
//
// Each rule is a value with its citation and confidence mark (KindRules,
// Threshold, Window, Category): a Municipio or another city builds its own
// Policy with its own sources (ExamplePolicy_With: Milan asks 1,000
// signatures for a petition and answers within 45 days, Statuto del Comune
// di Milano art. 9 c. 2 [S]).
//
// # Signatures
//
// A Signature carries the signatory's codice fiscale, validated by
// codicefiscale.Parse (structure, month and day, check character of DM 23
// dicembre 1976, omocodia), the eligibility category with the evidence
// declared, the method (paper, SPID, CIE) and the day of signing. The
// Service refuses, with errors citing the rule: a code that already signed
// (compared as issued: case, spaces and the SPID prefix "TINIT-" aside), a
// signatory under age, a signature dated outside the collection (before it
// opened, after its declared end, in the future, or too old to count for a
// filing today), online signatures the kind does not accept.
//
// The age comes from the declared date of birth or, without one, from the
// code, whose year of birth has no century: when the two digits read both
// as a minor and as an adult of at most MaxAge (120) years, the adult
// reading prevails [P] (on 1 April 2026, a code of 10 December "20" is a
// person of 105, not of 5). So the code alone never refuses someone as
// under 18; a declared date of birth does.
//
// An omocodic variant of a code already signed is not a duplicate: the
// Agenzia delle Entrate issues a variant precisely because a second person
// would otherwise get the same code (DPR 605/1973 art. 1; DM 12 marzo
// 1974), so both sign and count. Since a digit transcribed as its omocodia
// letter gives the same pattern, the officer's view lists such groups in
// Petition.ToVerify for a manual check (never in Public). A signatory may
// withdraw before filing, by the code they signed with.
//
// At filing only the signatures inside the window count (Window): the
// window starts on the same-numbered day Length months before the filing
// day, that day included. When the month reached has no such day, art. 2963
// c. 5 c.c. (a term in months ending in a month without the day of its
// start ends on that month's last day) applied backwards makes it start on
// the last day of that month: filed on 31 May, the three months of art. 8
// c. 2 reach back to 28 February (29 in a leap year). That is the generous
// reading, the default [P]: it applies the code's rule as written and
// counts the signatures collected on those extra days, at the price of a
// window of three months and three days; no source settles the point.
// Window.Strict selects the strict reading: a window never longer than its
// months counted forward from its first day, which then starts on the first
// day of the following month (1 March for a filing on 31 May).
//
// # Lifecycle
//
//	draft → collecting → filed → admissible → forwarded ⟲ → answered → archived
//	                          ↘ inadmissible → archived
//
// Lifecycle(rules) is the table (acts, states, roles, legal bases; DOT in
// testdata). The desk (office.FrontOffice) registers, records paper
// signatures, files, checks admissibility, forwards requests for information
// to one or more competent offices at once, each with its own internal due
// date, and archives; the online portal (office.External) records online
// acts; a competent office (office.CompetentOffice) replies to its own
// requests and, as the addressee's secretariat, records the answer. The
// answer term runs from filing; Petition.Deadlines explain each date, each
// with a stable Code (AnswerCode, OfficeReplyCode), and Reminders says where
// each stands ("scade fra 3 giorni", "scaduto").
//
// # History, scale and privacy
//
// Everything derives from the history (Replay), kept by a Store (the
// history.Store contract; petitiontest checks an implementation). Every act
// is Service.Verb(ctx, Act, payload): the Act says which petition, who acts,
// on which day the fact took place (On, kept in the record: a filing entered
// on Monday with Friday's protocol date) and, optionally, which version the
// actor saw (ErrConflict if the petition moved on). The store is the only
// truth: each act writes at the version it read, so several Services
// (several application processes) may share one store, and a write decided
// on a stale state is refused with ErrConflict (procedure.Retry retries it
// on fresh state).
//
// Signatures are events: a Batch per paper sheet or per upload of online
// adhesions. Folding a signature is constant time: the fold keeps the
// signatory set as a map keyed by the codice fiscale without omocodia packed
// in 60 bits, with the omocodia pattern in the value and the rare variants
// sharing a base in a second map, so duplicates (and variants to verify)
// are found with a map lookup, never by scanning.
//
// The fold is incremental (procedure.Runner's Fold, Copy and States): the
// Service keeps the folded state of the petitions it last read or wrote
// (Config.Keep, DefaultKeep of them), each with the head of the history it
// was folded at. The next act is decided on the kept state and written with
// a compare-and-set on that head; when another Service wrote meanwhile, the
// write is refused and the act decided again after loading only the
// records written after that head, folded onto the kept state one by one
// as Replay does, so that folding a history's prefix and then the rest
// gives what Replay gives for the whole; it then
// keeps a copy of the new state (the maps and slices the fold changes are
// copied, never shared with the Petition returned) and hands the other
// out. A kept state is used only if the stored records continue its head
// (the first linked to its hash, the last the stored head); a history that
// does not, or a petition whose state is not kept, is replayed whole. An
// act's guard never changes the state it checks, so a refused act leaves
// the kept state as it was. An act on a proposal holding 5,000 signatures
// costs a fraction of a millisecond instead of a whole replay (some tens
// of milliseconds): see BenchmarkSign in bench_test.go, which measures both.
//
// # Text limits
//
// Every free text of an event has a limit, in characters, declared by a
// `limit` struct tag and checked when the act is recorded
// (procedure.CheckText; *history.TextError, ErrInvalid): subjects, matters,
// notes and summaries of answers 1,000; the promoters' text, the full text
// of an answer, grounds, reasons for archiving and offices' replies 20,000;
// names 200, e-mail addresses 320, addresses and evidence of eligibility
// 1,000, codici fiscali 64, protocol numbers, sheets and answering acts'
// references 200; anything else procedure.DefaultTextLimit (4,000). Text
// that is not valid UTF-8 is refused whatever its length.
//
// Signatories, promoters, the promoters' text, the evidence of eligibility,
// internal questions and replies and the full text of the answer are
// personal or internal data: they stay in the history. Public is the view
// meant for publication: counts by day, category and method, whether the
// threshold was reached, dates, deadlines, outcome and the office's summary
// of the answer; neither it nor the Index contains personal data (tests
// prove it). The texts that reach them as written (subject, matter,
// protocol, admission note, grounds and their citation, summary and
// reference of the answer, reason for archiving) are refused when recorded
// if they contain personal data (Reg. UE 2016/679 art. 5 c. 1 lett. c;
// ErrPersonalData): the identifiers of the promoters, and anyone's codice
// fiscale, e-mail address, telephone number or IBAN (internal/privacy).
// Signatories are covered by the shape of their codes, not by their names:
// the folded state keeps only the codes' keys, and looking for 100,000
// names in every text is out of proportion for texts the office writes.
// Internal texts (the questions to the offices and their replies) are not
// published and not checked: the desk may name the promoters there.
package petition
