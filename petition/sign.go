package petition

import (
	"context"
	"fmt"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
)

// Sign records a batch of signatures (a paper sheet, or online adhesions)
// on the day of the act a.On (zero: today), all or nothing. Each signature
// must carry a valid codice fiscale (stored as issued, in upper case), a
// category of the policy with its evidence, and a date: paper signatures the
// date on the form; online ones, if zero, take the day of the act. It is
// refused, with a *BatchError listing each refused signature and why (a *codicefiscale.Error or a *RuleError wrapping ErrDuplicate,
// ErrWindow, ErrIneligible or ErrOnline), when a signatory:
//
//   - has already signed with the same codice fiscale as issued (case,
//     spaces and the SPID prefix aside), or appears twice in the batch; an
//     omocodic variant of a code already signed is another person (the
//     Agenzia delle Entrate issues it to tell two people apart): it is
//     accepted and both signatures are listed in Petition.ToVerify for a
//     manual check;
//   - is under the category's age on the day of signing (birth date as
//     declared; else read from the codice fiscale, whose two-digit year is
//     read as an adult's whenever a reading of at most MaxAge years allows
//     it [P]), or declared a birth date that the codice fiscale
//     contradicts;
//   - signed before the collection opened, after its declared end or after
//     the day of the act (in the future), or so long ago that the signature
//     could no longer count for a filing on the day of the act (outside the
//     kind's window);
//   - signed online where the kind does not accept it, or not as the single
//     signatory of an online petition.
//
// A duplicate and a signature dated outside the collection period cite a
// stated policy (law.Policy, with a note): no located article says them in
// words. A signature too old for the kind's window cites the window's rule.
//
// Duplicates are found in the petition's signatory set, a map keyed by the
// codice fiscale as issued: checking costs the same with 10 or 100,000
// signatures.
func (s *Service) Sign(ctx context.Context, a Act, b Batch) (Petition, error) {
	return s.do(ctx, a, EventSigned, func(cur *aggregate, st *step) (Event, error) {
		return cur.batch(b.Signatures, st.On)
	})
}

// batch checks the signatures of a batch recorded on day on and returns
// the event that records them, or a *BatchError.
func (a *aggregate) batch(sigs []Signature, on deadline.Date) (Event, error) {
	if len(sigs) == 0 {
		return Event{}, invalid("no signatures")
	}
	batch := make([]Signature, len(sigs))
	var refused []SignatureError
	inBatch := make(map[codicefiscale.Key]int, len(sigs))
	for i, sg := range sigs {
		if sg.Date.IsZero() && sg.Method.IsOnline() {
			sg.Date = on
		}
		cf, err := a.admit(&sg, on, len(sigs))
		if err == nil {
			if j, dup := inBatch[cf.Key()]; dup {
				err = &RuleError{Rule: citeOneSignature, Err: ErrDuplicate,
					Reason: fmt.Sprintf("firmatario già presente nello stesso lotto (firma %d)", j)}
			} else {
				inBatch[cf.Key()] = i
			}
		}
		if err != nil {
			refused = append(refused, SignatureError{Index: i, Err: err})
			continue
		}
		sg.Signatory.CodiceFiscale = cf.String()
		batch[i] = sg
	}
	if len(refused) > 0 {
		return Event{}, &BatchError{Refused: refused, Of: len(sigs)}
	}
	return Batch{Signatures: batch}.Event(), nil
}

// admit checks one signature against the petition and returns its parsed
// codice fiscale. batch is the size of the batch it arrives in.
func (a *aggregate) admit(sg *Signature, on deadline.Date, batch int) (codicefiscale.Code, error) {
	cf, err := sg.validate()
	if err != nil {
		return cf, err
	}
	r := a.rules
	// Online signatures.
	online := a.methodN[methodIndex(SPID)] + a.methodN[methodIndex(CIE)]
	switch {
	case sg.Method.IsOnline() && r.Online == OnlineNone:
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("la %s si sottoscrive solo su carta", r.Name)}
	case sg.Method.IsOnline() && r.Online == OnlineSingle && (batch > 1 || a.p.Signatures.Valid > 0):
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("online la %s ha un solo firmatario: le firme collettive si raccolgono su carta", r.Name)}
	case !sg.Method.IsOnline() && r.Online == OnlineSingle && online > 0:
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("la %s è stata sottoscritta online dal suo unico firmatario", r.Name)}
	}
	// Eligibility.
	cat, err := a.policy.Category(sg.Category)
	if err != nil {
		return cf, &RuleError{Rule: citeStatutoArt6, Err: ErrIneligible,
			Reason: fmt.Sprintf("categoria %q non prevista", sg.Category)}
	}
	if cat.Evidence != "" && !nonBlank(sg.Evidence) {
		return cf, &RuleError{Rule: cat.Source, Err: ErrIneligible,
			Reason: fmt.Sprintf("manca la dichiarazione richiesta per la categoria %q: %s", cat.ID, cat.Evidence)}
	}
	// Age: from the declared date of birth; without one, from the code,
	// whose year has no century: of age if any reading of at most MaxAge
	// years makes the signatory of age (MaxAge).
	bd := sg.Signatory.BirthDate
	if !bd.IsZero() {
		yy, m, d := cf.BirthDay()
		if bd.Year()%100 != yy || bd.Month() != m || bd.Day() != d {
			return cf, &RuleError{Rule: citeCodiceFiscale, Err: ErrIneligible,
				Reason: "la data di nascita dichiarata non corrisponde a quella del codice fiscale"}
		}
	}
	if cat.MinAge > 0 {
		ofAge := !bd.IsZero() && ageOn(bd, sg.Date) >= cat.MinAge
		if bd.IsZero() {
			ofAge = mayBeOfAge(cf, sg.Date, cat.MinAge)
		}
		if !ofAge {
			return cf, &RuleError{Rule: cat.Source, Err: ErrIneligible,
				Reason: fmt.Sprintf("il firmatario non ha compiuto %d anni il %s", cat.MinAge, sg.Date.Italian())}
		}
	}
	// Collection period (a stated policy) and the kind's window (its rule).
	from := r.Window.Start(on)
	switch {
	case sg.Date.After(on):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, dopo il giorno della raccolta (%s)", sg.Date.Italian(), on.Italian())}
	case sg.Date.Before(a.p.Opened):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, prima dell'apertura della raccolta (%s)", sg.Date.Italian(), a.p.Opened.Italian())}
	case !a.p.Closes.IsZero() && sg.Date.After(a.p.Closes):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, dopo la chiusura della raccolta (%s)", sg.Date.Italian(), a.p.Closes.Italian())}
	case !from.IsZero() && sg.Date.Before(from):
		return cf, &RuleError{Rule: r.Window.Source, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s: contano solo le firme raccolte nei %s, cioè dal %s per un deposito il %s",
				sg.Date.Italian(), r.Window, from.Italian(), on.Italian())}
	}
	// Duplicates: the same code as issued, found with one map lookup. An
	// omocodic variant of a code already signed is another person: it is
	// accepted, and the fold lists both in Petition.ToVerify.
	if prev, dup := a.roll.get(cf.Key()); dup {
		return cf, &RuleError{Rule: citeOneSignature, Err: ErrDuplicate,
			Reason: fmt.Sprintf("il firmatario ha già sottoscritto (firma del %s)", prev.day.Italian())}
	}
	return cf, nil
}
