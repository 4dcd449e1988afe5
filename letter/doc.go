// Package letter writes the office's communications: every letter an
// Italian administration sends in the procedures of this module, in
// Italian (and, for the receipt and the decision of an access request, in
// English: civic access is open to anyone), as structured values and as
// rendered text.
//
// A letter is written from a case's history alone: from the
// *access.Request, complaint.View or petition.Petition the procedure's
// Service returns for it. Office data (the administration's and office's
// names, the responsabile del procedimento until the start notice names
// one in the history, where documents can be seen, the RPCT, the titolare
// del potere sostitutivo) come from Options, never from the caller's idea
// of the case. Every date a letter states is copied
// from a deadline the Service computed (Letter.Dates lists them with the
// deadline's Code and Name): a letter never computes a term again, so it
// cannot disagree with the register, the reminders or a judge reading the
// deadline's explanation.
//
// Each letter has its method (Writer.Receipt, Writer.Decision...), called
// with the Request an act returned; Writer.Letters goes through a stored
// history and returns every letter its acts called for, in order, each
// written from the Request the history replays to just after its act. A
// Letter is the structured value a protocol system files (Kind, addressee
// role, Subject, Fields, Dates, Citations); Writer.Text, Writer.HTML and
// Writer.Markdown render it.
//
// # The letters and their mandatory contents
//
//   - Receipt (ricevuta): protocol number and date, competent office,
//     responsabile del procedimento (art. 5 L. 241/1990), the date the
//     decision is due, what the silence means (silenzio-rigetto, art. 25
//     c. 4 L. 241/1990), and the remedies against inaction with their last
//     days (Circolare FP 2/2017; art. 2 c. 9-bis L. 241/1990).
//   - StartNotice (comunicazione di avvio del procedimento, art. 8 c. 2 L.
//     241/1990): the administration (lett. a), the object (b), the office
//     and the person responsible (c), the date by which the procedure ends
//     and the remedies against inaction (c-bis), the filing date (d), the
//     office where the documents can be seen (e).
//   - OfficeStart and DocumentRequest: to the competent office and to the
//     offices holding documents, with the legal and the internal due dates.
//   - Irregularity: the notice of an irregular or incomplete request (art.
//     6 c. 5 DPR 184/2006: sent within 10 days, it restarts the term), the
//     invitation to make a generic civic request precise (ANAC 1309/2016),
//     or to file a formal request (art. 5 c. 6 DPR 184/2006).
//   - PartyNotice: to a counter-interested party (art. 3 DPR 184/2006; art.
//     5 c. 5 D.Lgs. 33/2013), the 10 days from receipt to oppose and how,
//     the suspension of the term; never the requester's data.
//   - Decision: the outcome; the grounds (art. 24 L. 241/1990, art. 5-bis
//     D.Lgs. 33/2013) and the reasons (art. 3 c. 1); a deferral's end; the
//     viewing place and period (art. 7 DPR 184/2006); after an opposition,
//     the 15 days' wait (art. 5 c. 6 D.Lgs. 33/2013); the remedies with
//     their terms and authorities (art. 3 c. 4 L. 241/1990); for a late
//     decision, the term due and the time taken (art. 2 c. 9-quinquies), as
//     access.Request.LateDecision states them.
//   - PartyAcceptance: the acceptance despite the opposition, to the party
//     who opposed, with the 15 days before the data are sent and its
//     remedies (art. 5 c. 6, 9 D.Lgs. 33/2013).
//   - ReviewDecision (the RPCT's, art. 5 c. 7, 9), SubstituteDecision (the
//     titolare del potere sostitutivo's, art. 2 c. 9-ter), ComplaintAnswer
//     (with the option of asking to reopen), PetitionReceipt and
//     PetitionForward.
//
// Remedies follow the access package: a letter lists one remedy per
// deadline the requester holds in the Request (the review, the difensore
// civico or the Commissione, the TAR), plus the titolare del potere
// sostitutivo of access.Policy while the request is undecided. When the
// access package adds, removes or re-dates a remedy (no review to the RPCT
// for simple civic access, whose RPCT is the decider), every letter follows
// without a change here. A term the access package grades as guidance
// (deadline.Guidance: the review's 30 days, the difensore civico's for
// civic access) is printed as indicative, never as a bar.
//
// # Personal data
//
// A letter holds the personal data of its addressee only. The object of
// the request is the office's publishable summary, or the requester's own
// words in letters to the requester; every field and the rendered text are
// checked against the names, codes and contacts of every other person the
// case knows (the applicant, the counter-interested parties, the other
// promoters), and a letter that would print one fails with a
// *PersonalDataError naming the field, never the datum.
//
// # Templates, and overriding them
//
// Templates are data: Go templates embedded in the package,
// templates/<lang>/<kind>.tmpl for each letter (defining "subject" and
// "body") and templates/<lang>/layout.txt.tmpl and layout.html.tmpl for
// the letterhead, the addressee, the signature and the list of legal
// sources. The same body feeds the plain text (text/template) and the HTML
// (html/template: every value escaped, citations linked to Normattiva);
// Writer.Markdown escapes the text and links the citations the same way.
// A template reads the letter as .L, its fields by name as .V (.V.due,
// .V.remedies) and the office's Options as .O, and may call date, cite
// and short (a citation without its note).
//
// An administration overrides any template without forking: put a file
// with the shipped name in an fs.FS and pass it as Options.Templates
// (os.DirFS("lettere"), or a testing/fstest.MapFS). New parses every
// template it will use and refuses, with a *TemplateError, one that does
// not parse or that never prints a field the law requires of its letter
// (Mandatory lists them), so that no override can drop the remedies or a
// due date unnoticed.
package letter
