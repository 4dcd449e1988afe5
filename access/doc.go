// Package access puts the three Italian procedures of access to public
// documents and data into code, as legally cited state machines over an
// append-only history, behind a storage interface.
//
// # The three procedures
//
// Accesso documentale (artt. 22-25 L. 241/1990; DPR 184/2006) is the right
// of whoever has a direct, concrete and current interest to view and copy
// administrative documents. The request must state its reasons (art. 25 c.
// 2). An informal request, made when no counter-interested party exists, is
// examined at once (art. 5 DPR 184/2006); if parties emerge the requester is
// invited to file a formal one. A formal request is decided within 30 days
// from filing with the administration, whichever of its offices received
// it: forwarding it inside the administration restarts nothing; a request
// another administration transmitted here runs from its receipt (art. 6 c.
// 2 and 4; Policy.TransferRestart). An irregularity notice sent within 10
// days restarts the term from the corrected request; a later one restarts
// nothing (art. 6 c. 5). Counter-interested parties have 10 days from
// receipt to oppose (art. 3). The office accepts (stating where and for at
// least 15 days, from the requester's receipt of the acceptance when
// recorded, the documents can be viewed, art. 7), refuses on a ground of
// art. 24, or defers to a stated date; it must not refuse where deferral
// suffices (art. 24 c. 4). After 30 days without decision the request is
// deemed refused (silenzio-rigetto, art. 25 c. 4). Against a refusal, a
// deferral or the silence the requester has 30 days to go to the TAR (art.
// 116 c.p.a.: from knowing the decision, that is from the day the
// requester received it, recorded with Ruling.Communicated or later with
// CommunicateDecision) or, in the same term, to the difensore civico
// against regional and local administrations, to the Commissione per
// l'accesso against State ones (Policy.StateAdministration), which decides
// in 30 days, else the recourse is deemed rejected; if it finds the
// refusal unlawful, the administration has 30 days from receiving the
// finding to confirm it with reasons, else access is allowed; the TAR term
// then runs from the requester's receipt of the outcome. The three days
// are recorded apart (OmbudsmanRuling: Decided, RequesterReceived,
// AdministrationReceived).
//
// Accesso civico semplice (art. 5 c. 1 D.Lgs. 33/2013) lets anyone ask for
// data whose publication is mandatory and was omitted: within 30 days the
// office publishes them and sends the link; the RPCT reports the breach.
// The request goes to the RPCT (c. 3 lett. d), who answers it: there is no
// review to the RPCT of its own answer (FileReview refuses it); delay goes
// to the titolare del potere sostitutivo, a refusal to the TAR and, where
// it exists, the difensore civico.
// Accesso civico generalizzato, the Italian FOIA (art. 5 c. 2), lets anyone
// access any data or document held, without reasons, within the limits of
// art. 5-bis (public interests, c. 1; private interests, c. 2; absolute
// exclusions, c. 3). Counter-interested parties have 10 days from receipt to
// oppose, and the 30 days are suspended, for each party, from the sending
// of its notice until it opposes or its 10 days end (c. 5); access is
// granted only once every party that has not opposed has a recorded
// receipt and its 10 days have passed (also for documentale access, art.
// 3 c. 2 DPR 184/2006). Data accepted
// despite an opposition are transmitted not before 15 days from the party's
// receipt of the acceptance (c. 6). Silence is "no answer": it opens, like a
// total or partial refusal, the review (riesame) of the generalised
// access by the RPCT, decided in 20
// days, suspended up to 10 days while the Garante privacy is heard on refusals
// that protect personal data (c. 7); then the TAR and, only against
// regional and local administrations, the difensore civico (c. 8), who
// decides in 30 days; if it finds the refusal unlawful and the
// administration does not confirm it within 30 days of receiving the
// finding, access is allowed. Art. 5 c. 8 sets no term to go to the
// difensore civico: the 30 days of art. 25 c. 4 L. 241/1990 are applied by
// analogy [P]. Counter-interested parties have the same remedies against an
// acceptance (c. 9): the RPCT decides their review in the same 20 days,
// hearing the Garante when they invoke the protection of their personal
// data, and the difensore civico their recourse in 30 days; when one of
// their remedies prevails, access is refused and nothing is released.
//
// # The substitute power and late decisions
//
// Every administration names a titolare del potere sostitutivo among its
// senior officers (art. 2 c. 9-bis L. 241/1990; Policy.Substitute, by
// default the law's fallback, the dirigente generale), whom receipts
// name. Once the term to decide passed without a decision the applicant
// may ask it (RequestSubstitute), and the procedure must then be
// concluded within half the original term, 15 days for the 30 of every
// kind (c. 9-ter; DeadlineSubstitute, an obligation of the office), by
// the competent office or by the substitute itself (DecideAsSubstitute,
// role office.Substitute). A decision taken after its term carries
// Request.LateDecision, the term that was due and the time taken, which
// the decision must state (c. 9-quinquies). By 30 January the substitute
// reports the procedures concluded late to the governing body (c.
// 9-quater): register.SubstituteAnnualReport.
//
// # The history is the truth
//
// A request is its history: every act (filing, irregularity notice,
// assignment, forwarding, notice to parties, opposition, decision, its
// receipt by the requester, release, review, ombudsman, appeal...) is an
// Event appended with its instant (At), the day of the fact (On, from
// which every legal term runs), actor and legal basis, each record
// hashing its predecessor, and the store keeping the history's head
// (Service.Verify finds an edited, missing or extra record, and a history
// cut short). Every act is Service.Verb(ctx, Act, payload), with Act =
// procedure.Act (which request, who, on which day), performed by a
// procedure.Runner. Replay folds the history into a Request: the state, the
// parties, the decisions, and every deadline as a deadline.Deadline with its
// explanation in Italian, computed on a calendar under a Policy. Nothing
// derived is stored but the Index a Store keeps for queries, which Replay can
// always rebuild: change the Policy or the calendar and every deadline is
// recomputed from the same history. A contingent deadline is listed only
// while it can still arise: a withdrawal or a transfer to another
// administration ends the term to decide and, with it, the silence and
// every remedy against it; a party's window still running when the request
// was decided is dropped; the release after an opposition goes when access
// is refused on a remedy.
//
// Each kind has its lifecycle table (Lifecycle): the states an act is
// allowed in, the state it leads to, the roles that may perform it, the rule
// behind it; the front office registers, assigns, forwards and runs the
// istruttoria, only the competent office decides and releases, only the RPCT
// decides reviews, and outside facts are recorded with the External role.
// The Service adds the guards that need more than state and role (grounds,
// reasons, dates, the competent office) and refuses with a *RuleError citing
// the rule; a refused act stores nothing. Texts have documented limits
// (`limit` tags on the payloads: subjects and publishable summaries 1000
// characters, reasons 20000, others 4000) and must be valid UTF-8: beyond
// them an act fails with a *history.TextError (ErrInvalid).
//
// # Personal data
//
// Applicant, Parties, Subject, Requested, Reasons and the full reasons of
// decisions are personal data. The register of accesses and any publication
// use only the publishable fields of Request (see its documentation): the
// office's own summaries, which the Service refuses when they contain the
// requester's or a party's name or identifiers. The store's Index holds no
// personal data.
//
// # Choices where the law leaves room
//
// Marked [P] in the project's legal notes and configurable in Policy: the
// documentale suspension during the parties' window (default off, the
// earlier date); the generalizzato suspension (and the documentale one,
// when chosen) runs for each party from the sending of its notice until it
// opposed or its window closed (RULES.md §4 [P]), notices sent at different
// times suspending the term separately, only overlapping or touching
// intervals merged, so the days when no notice was pending count; while a
// party's receipt of the notice is unknown its window, and the suspension,
// are shown counted from the sending (the earlier date), but no act
// granting access is allowed until the receipt is recorded (art. 3 c. 2 DPR
// 184/2006 and art. 5 c. 5 D.Lgs. 33/2013 count from the receipt); the
// administration is regional or local (the default, as Roma Capitale;
// Policy.StateAdministration marks a State one), which decides whether the
// difensore civico exists; the 30 days to go to it on civic access, by
// analogy with art. 25 c. 4 L. 241/1990; the remedy terms against a
// decision, the review's decision or the ombudsman's outcome run from the
// day the requester received it and, while that is not recorded, from the
// act's own day, the earliest the requester could know it, as each
// explanation says; reviews filed more than 30 days after the decision are
// flagged, never refused; the terms no provision sets (that review flag,
// the 30 days to go to the difensore civico on civic access, the internal
// dates) are graded deadline.Guidance: shown as "termine indicativo
// decorso", never "scaduto", never counted overdue, never a reason to
// refuse an act, while the documentale 30 days to go to the difensore
// civico are art. 25 c. 4 L. 241/1990's own and bind; forwarding inside
// the administration restarts no term, and a transfer from another
// administration restarts only the documentale one (art. 6 c. 4 DPR
// 184/2006; Policy.TransferRestart); the viewing period runs from the
// requester's receipt of the acceptance, from the decision while it is
// not recorded; internal due dates fall 10 days before the legal
// one; the TAR term is given both without and with the August suspension,
// the earlier presented as the safe one.
package access
