package petition_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// TestPublishedFiguresHoldNoPersonalData plants personal data in every field
// that can hold it (promoters, text, signatories, evidence, sheets, internal
// questions and replies, the full answer, the staff's identifiers) and
// proves that neither the publishable view, at every step of the
// lifecycle, nor the Index, nor a List page contains any of it.
func TestPublishedFiguresHoldNoPersonalData(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	var secrets []string
	plant := func(s string) string { secrets = append(secrets, s); return s }
	codes := petitiontest.Codes(99, 250)
	codes = append(codes, omocodicVariant(codes[3])) // another person, to verify by hand
	for _, c := range codes {
		cf, err := codicefiscale.Parse(c)
		require.NoError(t, err)
		secrets = append(secrets, c, strings.ToLower(c), cf.Normalized().String(), c[:11])
	}
	promoter, err := codicefiscale.CheckCharacter("PRMTTR70A01H501")
	require.NoError(t, err)
	promoterCF := plant("PRMTTR70A01H501" + string(promoter))

	clerk := office.Actor{ID: plant("zz.operatore.sportello"), Role: office.FrontOffice, Office: "punto-ascolto"}
	web := office.Actor{ID: plant("zz.portale.spid"), Role: office.External}
	mob := office.Actor{ID: plant("zz.funzionario.mobilita"), Role: office.CompetentOffice, Office: "dip-mobilita"}
	sec := office.Actor{ID: plant("zz.segreteria.sindaco"), Role: office.CompetentOffice, Office: "segreteria-sindaco"}

	var published [][]byte
	publish := func(p petition.Petition) {
		t.Helper()
		for _, v := range []any{p.Public(today, 7), p.Index()} {
			b, err := json.Marshal(v)
			require.NoError(t, err)
			published = append(published, b)
		}
	}

	p, err := f.svc.Draft(f.ctx, petition.Act{By: clerk}, petition.Registration{
		Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco, Channel: petition.Counter,
		Subject: "Tempi di percorrenza della linea tram 8", Matter: "mobilità",
		Text: plant("ZZTESTO scritto dai promotori, con il nome di un vicino: ZZVICINO"),
		Promoters: []petition.Person{{
			FamilyName: plant("ZZCOGNOMEPROMOTORE"), GivenName: plant("ZZNOMEPROMOTORE"), CodiceFiscale: promoterCF,
			Address: plant("ZZVIA DEI PROMOTORI 1"), Email: plant("zz.promotore@example.org"),
		}},
	})
	require.NoError(t, err)
	publish(p)
	id := p.ID
	p, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: id, By: clerk}, petition.Collection{Closes: today.AddDays(30)})
	require.NoError(t, err)
	publish(p)
	var batch []petition.Signature
	for i, c := range codes {
		method := petition.Paper
		if i%2 == 1 {
			method = petition.SPID
		}
		batch = append(batch, petition.Signature{
			Signatory: petition.Person{
				FamilyName: plant(fmt.Sprintf("ZZCOGNOME%03d", i)), GivenName: plant(fmt.Sprintf("ZZNOME%03d", i)),
				CodiceFiscale: c, Address: plant(fmt.Sprintf("ZZINDIRIZZO%03d", i)), Email: plant(fmt.Sprintf("zz%03d@example.org", i)),
			},
			Category: petition.Elettore, Evidence: plant(fmt.Sprintf("ZZSEZIONE%03d", i)), Method: method, Date: today,
			Sheet: plant(fmt.Sprintf("ZZFOGLIO%03d", i)),
		})
	}
	p, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: web}, petition.Batch{Signatures: batch})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: clerk}, petition.Withdrawal{CodiceFiscale: codes[7]})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: clerk}, petition.Filing{Protocol: "RC/2026/123"})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: clerk}, petition.Admission{Note: "requisiti verificati"})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: clerk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: plant("ZZDOMANDA: il promotore ZZCOGNOMEPROMOTORE chiede...")}, {Office: "dip-lavori-pubblici", Question: plant("ZZDOMANDA2")}}})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: mob}, petition.Reply{Request: 1, Summary: plant("ZZRISCONTRO interno")})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: sec}, petition.Answer{Outcome: petition.Replied,
		Summary: "Il Sindaco illustra gli interventi previsti sulla linea", Act: "prot. RC/2026/456",
		Text: plant("ZZRISPOSTA completa indirizzata a ZZCOGNOMEPROMOTORE")})
	require.NoError(t, err)
	publish(p)
	p, err = f.svc.Archive(f.ctx, petition.Act{ID: id, By: clerk}, petition.Archiving{Reason: "conclusa con risposta"})
	require.NoError(t, err)
	publish(p)
	page, err := f.svc.List(f.ctx, petition.Query{})
	require.NoError(t, err)
	b, err := json.Marshal(page)
	require.NoError(t, err)
	published = append(published, b)

	for _, out := range published {
		s := string(out)
		for _, secret := range secrets {
			require.NotContains(t, s, secret, "published output contains personal data")
		}
		require.NotContains(t, s, "ZZ", "no planted marker at all")
		require.NotContains(t, s, "zz.")
	}
	// The figures are there.
	pub := p.Public(today, 7)
	require.Equal(t, 250, pub.Signatures.Valid)
	require.Equal(t, 250, pub.Counting)
	require.Equal(t, 2, p.ToVerifyCount(), "the officer's view lists the omocodic pair; Public does not (checked above)")
	require.True(t, pub.Reached)
	require.Equal(t, 2, pub.Requests)
	require.Equal(t, 1, pub.Replies)
	require.Equal(t, petition.Replied, pub.Outcome)

	// The personal data is still in the history, for the office.
	h := mustHistory(t, f, id)
	raw, err := json.Marshal(h)
	require.NoError(t, err)
	require.Contains(t, string(raw), "ZZCOGNOMEPROMOTORE")
	signed, err := f.svc.Signatories(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, signed, 250)
}

// TestPublishedTextsRefusePersonalData plants a promoter's identifiers (name,
// surname, codice fiscale however spaced, address, e-mail), a signatory's
// codice fiscale and a telephone number in every text that reaches Public or
// the Index (subject, matter, protocol, admission note, grounds and the
// ground's note, summary and reference of the answer, reason for
// archiving): each act is refused with a *RuleError citing art. 5 c. 1
// lett. c Reg. UE 2016/679 and wrapping ErrPersonalData, stores nothing, and
// the error does not repeat the datum.
func TestPublishedTextsRefusePersonalData(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	c, err := codicefiscale.CheckCharacter("ZPPMCL70A01H501")
	require.NoError(t, err)
	promoterCF := "ZPPMCL70A01H501" + string(c)
	promoter := petition.Person{FamilyName: "Zappacosta", GivenName: "Marcello", CodiceFiscale: "TINIT-" + promoterCF,
		Address: "Via dei Gracchi 12", Email: "m.zappacosta@example.org"}
	signatory := petitiontest.Codes(31, 1)[0]
	plants := map[string]string{
		"name and surname":             "segnalata da Marcello Zappacosta",
		"surname":                      "richiesta del sig. Zappacosta",
		"surname in capitals":          "ZAPPACOSTA, comitato",
		"codice fiscale, spaced":       "cf " + promoterCF[:3] + " " + promoterCF[3:6] + " " + promoterCF[6:11] + " " + promoterCF[11:],
		"address":                      "immobile di via dei Gracchi 12",
		"e-mail, spaced":               "scrivere a m.zappacosta @ example.org",
		"a signatory's codice fiscale": "firmata anche da " + strings.ToLower(signatory),
		"a telephone number":           "informazioni al 333 123 4567",
	}
	refused := func(t *testing.T, what string, err error, before int, id petition.ID) {
		t.Helper()
		require.ErrorIs(t, err, petition.ErrPersonalData, what)
		require.ErrorIs(t, err, petition.ErrRule)
		var re *petition.RuleError
		require.ErrorAs(t, err, &re)
		assert.True(t, strings.HasPrefix(re.Rule.String(), "art. 5 c. 1 lett. c Reg. UE 2016/679"), re.Rule.String())
		for _, datum := range []string{"Zappacosta", "ZAPPACOSTA", "Marcello", promoterCF[:6], "Gracchi", "example.org", signatory[:6], strings.ToLower(signatory[:6]), "4567"} {
			assert.NotContains(t, err.Error(), datum, "the error does not repeat the datum")
		}
		if id != "" {
			assert.Equal(t, before, f.version(id), "%s: nothing stored", what)
		}
	}
	register := func(subject, matter string) (petition.Petition, error) {
		return f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco,
			Channel: petition.Counter, Subject: subject, Matter: matter, Promoters: []petition.Person{promoter}})
	}
	for name, plant := range plants {
		t.Run("subject: "+name, func(t *testing.T) {
			_, err := register("Illuminazione del parco, "+plant, "lavori pubblici")
			refused(t, "subject", err, 0, "")
		})
		t.Run("matter: "+name, func(t *testing.T) {
			_, err := register("Illuminazione del parco", plant)
			refused(t, "matter", err, 0, "")
		})
	}
	page, err := f.svc.List(f.ctx, petition.Query{})
	require.NoError(t, err)
	require.Empty(t, page.Items, "no refused registration was stored")

	p, err := register("Illuminazione del parco di quartiere", "lavori pubblici")
	require.NoError(t, err)
	id := p.ID
	_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: id, By: desk}, petition.Collection{})
	require.NoError(t, err)
	f.signAll(id, sigs(31, 200, today))
	acts := []struct {
		field string
		act   func(text string) error
		ok    string // a clean text, to move on
	}{
		{"protocol", func(s string) error {
			_, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: s})
			return err
		}, "RC/2026/12345"},
		{"grounds", func(s string) error {
			_, err := f.svc.DeclareInadmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Refusal{Reason: s})
			return err
		}, ""},
		{"ground's note", func(s string) error {
			_, err := f.svc.DeclareInadmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Refusal{Reason: "fuori competenza",
				Ground: law.Cite("Statuto Roma Capitale", "8", "5").WithNote(s)})
			return err
		}, ""},
		{"admission note", func(s string) error {
			_, err := f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Admission{Note: s})
			return err
		}, "requisiti verificati"},
		{"answer summary", func(s string) error {
			_, err := f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: petition.Replied, Summary: s})
			return err
		}, ""},
		{"answer act", func(s string) error {
			_, err := f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: petition.Replied, Summary: "risposta del Sindaco", Act: s})
			return err
		}, "prot. RC/2026/40211"},
		{"archiving reason", func(s string) error {
			_, err := f.svc.Archive(f.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: s})
			return err
		}, "conclusa con risposta"},
	}
	for _, a := range acts {
		for name, plant := range plants {
			before := f.version(id)
			refused(t, a.field+": "+name, a.act("testo con "+plant), before, id)
		}
		if a.ok != "" {
			require.NoError(t, a.act(a.ok), a.field)
		}
	}
	p, err = f.svc.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, petition.Archived, p.State)
	for _, v := range []any{p.Public(today, 7), p.Index()} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		for _, datum := range []string{"Zappacosta", "Marcello", promoterCF, "Gracchi", "example.org", signatory, "4567"} {
			assert.NotContains(t, string(b), datum)
		}
	}
}
