package letter_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/letter"
)

// planted is a FOIA request whose free texts name the other persons: the
// requester's subject names the party, the internal request names the
// requester, the decision's reasons name the party.
func planted(t *testing.T, withPublicSubject bool) *fixture {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		a.ID = "foia-planted"
		return s.File(ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol: access.Protocol{Number: "RA/2026/0012399"}, Applicant: applicant, Office: "mobilita",
			Subject: "Transiti ZTL dell'auto di Mario Neri (NREMRA75C12H501K, mario.neri@pec.example.org), richiesti da Anna Esposito"})
	})
	f.at("irregular", time.March, 2, func(a access.Act) (*access.Request, error) {
		return s.NotifyIrregularity(ctx, a, access.Irregularity{Missing: []string{"periodo dei transiti"}})
	})
	f.at("corrected", time.March, 3, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.Correct(ctx, a, access.Correction{Requested: "transiti di gennaio 2026"})
	}))
	f.at("started", time.March, 3, func(a access.Act) (*access.Request, error) {
		return s.NotifyStart(ctx, a, access.StartNotice{})
	})
	if withPublicSubject {
		f.at("subject", time.March, 3, func(a access.Act) (*access.Request, error) {
			return s.SetPublicSubject(ctx, a, access.PublicSubject{Text: "Transiti ZTL di un veicolo"})
		})
	}
	f.at("documents", time.March, 4, func(a access.Act) (*access.Request, error) {
		return s.RequestDocuments(ctx, a, access.DocumentRequest{Requests: []access.InternalRequest{{Office: "polizia-locale", Documents: "transiti chiesti da Anna Esposito, SPSNNA80A41H501X"}}})
	})
	f.at("notified", time.March, 10, func(a access.Act) (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, a, access.Notification{Means: "PEC", Parties: []access.Person{party}})
	})
	f.at("noticeReceived", time.March, 12, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("opposed", time.March, 13, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordOpposition(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("decided", time.March, 30, f.as(mobility, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.Accepted, Reasons: "Il signor Neri non indica un pregiudizio concreto.",
			Summary: "accolta: nessun pregiudizio concreto"})
	}))
	return f
}

// TestPrivacy_Planted: for every kind of access letter, the planted data
// of the persons it is not addressed to are never printed: the object
// falls back to the office's summary or to the protocol number, and a
// text the office wrote naming them (the reasons, the internal request)
// refuses the letter with a *PersonalDataError that names the field, not
// the datum.
func TestPrivacy_Planted(t *testing.T) {
	require.True(t, mentions("Il signor Neri, via PEC: mario.neri@pec.example.org.", "neri"))
	require.True(t, mentions("(mario.neri@pec.example.org)", "mario.neri@pec.example.org"))
	require.False(t, mentions("una richiesta generica", "Neri"))
	for _, withSubject := range []bool{false, true} {
		f := planted(t, withSubject)
		w := writer(t, options(f))
		s := f.steps
		notApplicant := ids(party)
		notParty := ids(applicant)
		for _, tc := range []struct {
			name   string
			write  func() (letter.Letter, error)
			others []string
			field  string // the field refused, "" if the letter is written
		}{
			{"ricevuta", func() (letter.Letter, error) { return w.Receipt(s["filed"]) }, notApplicant, ""},
			{"irregolarita", func() (letter.Letter, error) { return w.Irregularity(s["irregular"]) }, notApplicant, ""},
			{"avvio", func() (letter.Letter, error) { return w.StartNotice(s["decided"]) }, notApplicant, ""},
			{"avvio-ufficio", func() (letter.Letter, error) { return w.OfficeStart(s["decided"]) }, append(notApplicant, notParty...), ""},
			{"richiesta-documenti", func() (letter.Letter, error) { return w.DocumentRequest(s["documents"], 1) }, append(notApplicant, notParty...), "documents"},
			{"controinteressato", func() (letter.Letter, error) { return w.PartyNotice(s["notified"], 1) }, notParty, ""},
			{"provvedimento", func() (letter.Letter, error) { return w.Decision(s["decided"]) }, notApplicant, "reasons"},
			{"accoglimento-controinteressato", func() (letter.Letter, error) { return w.PartyAcceptance(s["decided"], 1) }, notParty, ""},
		} {
			l, err := tc.write()
			if tc.field != "" {
				require.ErrorIs(t, err, letter.ErrPersonalData, tc.name)
				var pe *letter.PersonalDataError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, tc.field, pe.Field, tc.name)
				for _, id := range tc.others {
					assert.NotContains(t, err.Error(), id, "the error never repeats the datum")
				}
				continue
			}
			require.NoError(t, err, tc.name)
			txt, html := render(t, written{name: tc.name, l: l, w: w})
			for _, id := range tc.others {
				for _, out := range []string{txt, html, l.Subject} {
					assert.False(t, mentions(out, id), "%s (public subject %v) prints %q", tc.name, withSubject, id)
				}
			}
			if !withSubject && tc.name != "ricevuta" {
				assert.Contains(t, txt, "prot. n. RA/2026/0012399", "%s: without a public subject, the object is the protocol number", tc.name)
			}
		}
	}
}

// mentions reports whether text holds id as a whole word (or words),
// whatever the case: "Neri" is not in "generica".
func mentions(text, id string) bool {
	return regexp.MustCompile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(id) + `($|[^\pL\pN])`).MatchString(text)
}

// TestPrivacy_PetitionPlanted: a question to an office naming a promoter
// refuses the forwarding letter; the receipt to one promoter never names
// the other.
func TestPrivacy_PetitionPlanted(t *testing.T) {
	p, dir := petitionAsking(t, "Sentire la promotrice Sara Lombardi (sara.lombardi@example.org) sul tratto")
	w := writer(t, letter.Options{Directory: dir})
	_, err := w.PetitionForward(p, 1)
	require.ErrorIs(t, err, letter.ErrPersonalData)
	l, err := w.PetitionReceipt(p, 2)
	require.NoError(t, err)
	txt, html := render(t, written{l: l, w: w})
	for _, id := range []string{"Sara Lombardi", "Lombardi", promoter1.CodiceFiscale, promoter1.Email} {
		assert.False(t, mentions(txt, id) || mentions(html, id), id)
	}
	assert.True(t, mentions(txt, "Luca Marini"))
}

// TestPrivacy_EveryKindCovered: the privacy tests write every kind of
// letter.
func TestPrivacy_EveryKindCovered(t *testing.T) {
	seen := map[letter.Kind]bool{}
	for _, x := range italian(t) {
		seen[x.l.Kind] = true
	}
	for _, k := range letter.Kinds() {
		assert.True(t, seen[k], "no privacy test writes a %s", k)
	}
}
