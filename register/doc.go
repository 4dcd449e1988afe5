// Package register is what the Punto di Ascolto publishes and reports: the
// register of access requests (registro degli accessi) and the quarterly
// monitoring of procedural terms (reportistica trimestrale). Its subpackage
// council is the catalogue of council acts.
//
// # The register of access requests
//
// ANAC Delibera 1309/2016 §9 asks every administration to keep a register of
// the access requests it receives (documentale, civico, generalizzato: ANAC
// 1310/2016), with subject, date, outcome and date of the decision, and to
// publish it without personal data in "Amministrazione trasparente" at least
// every six months. Circolare FP 2/2017 All. 3 §4 lists its columns (request,
// review and court blocks) and asks for a quarterly publication built from
// the protocol system (RULES.md §5).
//
// Here the register is never typed in twice: Source reads the access
// histories from an access.Store, replays them and EntryOf turns each view
// into an Entry, one row per request. An Entry is filled only from the
// publishable fields of the view (dates, codes, counts, the summaries the
// office writes for publication): the subject is the office's
// PublicSubject, or the neutral Placeholder while the office has not written
// it, never the applicant's own words; the applicant and the
// counter-interested parties never appear. Each row is checked again as it
// is built: the protocol number is published in its normal form only
// (access.Protocol.Publishable), and every text (subject, office,
// forwarding, the summaries of decision and review) is checked against
// every person the request's history knows at that time, counter-interested
// parties notified after the text was written included. A text that fails
// is printed as Withheld and listed in Entry.Withheld (request, column,
// kind of datum, never the datum), which Withholdings collects for the
// office. WriteCSV (UTF-8, Italian
// headings, RFC 4180 quoting, ',' or ';', optional BOM) and WriteJSON stream
// the rows as the store yields them, so memory does not grow with the size
// of the register. Rows come in order of receipt, then ID: the same input
// gives the same bytes.
//
// Funzione Pubblica's "Indicazioni operative per l'implementazione del
// registro degli accessi FOIA" (Circolare 1/2019) define XML schemas for the
// register (XSD-FOIA-RA-COMMON, -INT, -EXT and -EXT-BULK, distributed as a
// zip on foia.gov.it). Their element definitions could not be consulted
// while this package was written, so no XML export is offered: one built
// from guesses would claim a conformance it cannot prove.
//
// # Quarterly monitoring
//
// Quarterly builds a Report for a Period (Quarter, Semester, Year or any
// range) with the previous period beside it: for access requests, per kind,
// per office and overall, received, concluded (decided, withdrawn,
// transferred, or archived without a decision on the day it was closed)
// and pending at the end;
// outcomes; decisions within the term and late (and by how much); mean and
// median days to decision; counter-interested parties; reviews, the
// difensore civico and court appeals; and the requests overdue at the end of
// the period with the explanation of every deadline they missed. Complaints
// and petitions enter as Case values (by kind, channel, category, office,
// outcome), each with every answer term it had: the first and one per
// reopening, met by an answer or by another act (a merged duplicate is
// concluded by its merger: see ComplaintCase); the council's interrogazioni
// enter as council.Item values. Each section
// reads a plain iterator, so it can be fed from a store, a slice or another
// system. A Report renders as Markdown with an SVG chart of the share of
// decisions within the term per office (WriteMarkdown, WriteSVG), as CSV and
// JSON, or all at once into a folder (WriteDir).
//
// A period's figures are computed from the dates in the histories, not from
// the current state: a request filed on 31 March and decided on 1 April is
// received (and pending) in the first quarter and decided in the second,
// whenever the report is built. Only binding terms make a request overdue
// or a decision late: guidance terms (deadline.Guidance, such as an
// office's internal dates) never do.
//
// # The substitute's yearly report
//
// SubstituteAnnualReport builds what the titolare del potere sostitutivo
// tells the governing body by 30 January (art. 2 c. 9-quater L. 241/1990):
// the access procedures of the year, by kind and competent office, whose
// term was not respected, decided late or still undecided on 31
// December, with the days beyond the term and whether the substitute
// decided; as a value, CSV and Markdown, without personal data.
package register
