package petition_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/petition"
)

func TestRomePolicyIsValid(t *testing.T) {
	p := petition.Rome()
	require.NoError(t, p.Validate())
	r, err := p.Rules(petition.PropostaDeliberazione)
	require.NoError(t, err)
	assert.Equal(t, 5000, r.Threshold.Signatures)
	assert.Equal(t, "art. 8 c. 2 Statuto Roma Capitale", r.Threshold.Source.String())
	assert.Equal(t, "T", r.Threshold.Source.Confidence.String())
	q, err := p.Rules(petition.InterrogazionePopolare)
	require.NoError(t, err)
	assert.Equal(t, 200, q.Threshold.Signatures)
	pe, err := p.Rules(petition.Petizione)
	require.NoError(t, err)
	assert.Equal(t, "S", pe.Answer.Source.Confidence.String(), "the 60 days of petitions rest on secondary sources")
	assert.Equal(t, petition.OnlineSingle, pe.Online)
	_, err = p.Rules("referendum")
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
}

// Statuto art. 6 c. 1: "i cittadini iscritti nelle liste elettorali di Roma
// Capitale". The electors' category is not limited to residents: electors
// registered abroad (AIRE) are on the lists without residing in Rome.
func TestArt6_ElectorsAreThoseOnTheLists(t *testing.T) {
	c, err := petition.Rome().Category(petition.Elettore)
	require.NoError(t, err)
	assert.Equal(t, "iscritto nelle liste elettorali di Roma Capitale", c.Name)
	assert.NotContains(t, c.Name, "residente")
	assert.Equal(t, "art. 6 c. 1 Statuto Roma Capitale", c.Source.String())
}

func TestPolicyValidate(t *testing.T) {
	broken := func(change func(*petition.Policy)) petition.Policy {
		p := petition.Rome()
		change(&p)
		return p
	}
	for name, p := range map[string]petition.Policy{
		"no kinds":             broken(func(p *petition.Policy) { p.Kinds = nil }),
		"zero threshold":       broken(func(p *petition.Policy) { p.Kinds[0].Threshold.Signatures = 0 }),
		"no answer term":       broken(func(p *petition.Policy) { p.Kinds[0].Answer.Length = 0 }),
		"unknown addressee":    broken(func(p *petition.Policy) { p.Kinds[0].Addressees = []petition.Addressee{"papa"} }),
		"repeated kind":        broken(func(p *petition.Policy) { p.Kinds[1].Kind = p.Kinds[0].Kind }),
		"no categories":        broken(func(p *petition.Policy) { p.Categories = nil }),
		"negative age":         broken(func(p *petition.Policy) { p.Categories[0].MinAge = -1 }),
		"no reply term":        broken(func(p *petition.Policy) { p.ReplyTerm.Length = 0 }),
		"special without term": broken(func(p *petition.Policy) { p.Kinds[1].Special[0].Term.Length = 0 }),
		"special without matter nor declaration": broken(func(p *petition.Policy) {
			p.Kinds[1].Special[0].Matter, p.Kinds[1].Special[0].EqualOpportunities = " ", false
		}),
	} {
		t.Run(name, func(t *testing.T) {
			require.ErrorIs(t, p.Validate(), petition.ErrInvalidEvent)
		})
	}
}

// milanPolicy is Milan's petition (ExamplePolicy_With): 1,000 signatures
// and 45 days, Statuto del Comune di Milano art. 9 c. 2 through secondary
// sources; residents and city users from 16.
func milanPolicy() petition.Policy {
	statuto := law.Cite("Statuto Comune di Milano", "9", "2").As(law.Secondary).
		WithNote("testo su comuni-italiani.it; partecipazione.comune.milano.it, Petizioni: almeno mille firme, risposta scritta e motivata; " +
			"procedure nel Regolamento per l'attuazione dei diritti di partecipazione popolare, Del. CC 10/2016 mod. Del. CC 73/2021, articolo non verificato")
	regolamento := law.Citation{Act: "Regolamento per l'attuazione dei diritti di partecipazione popolare (Comune di Milano)", Confidence: law.Secondary,
		Note: "partecipazione.comune.milano.it, Petizioni: residenti e city user dai 16 anni; articolo non verificato"}
	return petition.Policy{
		Administration: "Comune di Milano",
		Kinds: []petition.KindRules{{
			Kind: petition.Petizione, Name: "petizione", Source: statuto,
			Addressees: []petition.Addressee{petition.Sindaco},
			Threshold:  petition.Threshold{Signatures: 1000, Source: statuto},
			Online:     petition.OnlineAny,
			OnlineSource: law.Citation{Confidence: law.Secondary,
				Note: "partecipazione.comune.milano.it: raccolta firme online con SPID dal giugno 2021"},
			Answer: deadline.Term{Name: "risposta scritta e motivata", Length: 45, Unit: deadline.Days, Kind: deadline.Administrative, Source: statuto},
		}},
		Bodies: []petition.Body{{ID: petition.Sindaco, Name: "Sindaco di Milano"}},
		Categories: []petition.Category{
			{ID: "residente", Name: "residente nel Comune di Milano", MinAge: 16, Source: regolamento},
			{ID: "city-user", Name: "non residente con un rapporto continuativo con Milano per studio, lavoro o domicilio", MinAge: 16,
				Evidence: "dichiarazione sostitutiva (art. 47 DPR 445/2000) sul rapporto con il territorio", Source: regolamento},
		},
		ReplyTerm: deadline.Term{Name: "riscontro dell'ufficio competente", Length: 15, Unit: deadline.Days, Kind: deadline.Administrative,
			Source: law.Citation{Note: "termine interno per il riscontro degli uffici, scelta organizzativa", Confidence: law.Policy}},
		DueSoon: 7,
	}
}

// citations lists every citation a policy carries.
func citations(p petition.Policy) []law.Citation {
	var out []law.Citation
	for _, k := range p.Kinds {
		out = append(out, k.Source, k.Threshold.Source, k.Window.Source, k.OnlineSource, k.Answer.Source)
		for _, sp := range k.Special {
			out = append(out, sp.Term.Source)
		}
	}
	for _, c := range p.Categories {
		out = append(out, c.Source)
	}
	return append(out, p.ReplyTerm.Source)
}

// Milan sets 1,000 signatures for a petition and 45 days for the answer
// (Statuto del Comune di Milano art. 9 c. 2 [S]); a Policy value configures
// it, with Milan's own sources and none of Rome's. Dates by hand: filed on
// Monday 2 March 2026, 45 days reach Thursday 16 April (29 days to 31
// March, 16 more).
func TestOtherCityConfiguresItsThreshold(t *testing.T) {
	milan := milanPolicy()
	require.NoError(t, milan.Validate())
	for _, c := range citations(milan) {
		if c.IsZero() {
			continue // no window
		}
		for _, rome := range []string{"Roma", "101/1994", "comune.roma.it"} {
			assert.NotContains(t, c.String(), rome, "Milan's values cite Milan")
		}
		assert.NotEqual(t, law.Text, c.Confidence, "%s: read through secondary sources, not in the text", c)
	}
	for _, b := range milan.Bodies {
		assert.NotContains(t, b.Name, "Roma")
	}
	rome, err := petition.Rome().Rules(petition.Petizione)
	require.NoError(t, err)
	assert.Equal(t, 1, rome.Threshold.Signatures, "Rome unchanged")

	cal, err := deadline.ForMunicipality("Milano")
	require.NoError(t, err)
	clk := &clock{day: day(2026, time.March, 2)}
	svc, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t), Calendar: cal, Policy: milan, Now: clk.Now})
	require.NoError(t, err)
	p, err := svc.Draft(t.Context(), petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Promotore"}}})
	require.NoError(t, err)
	_, err = svc.OpenCollection(t.Context(), petition.Act{ID: p.ID, By: desk}, petition.Collection{})
	require.NoError(t, err)
	resident := func(batch []petition.Signature) []petition.Signature {
		for i := range batch {
			batch[i].Category, batch[i].Evidence = "residente", ""
		}
		return batch
	}
	for _, batch := range [][]petition.Signature{sigs(1, 500, clk.day), sigs(2, 499, clk.day)} {
		_, err = svc.Sign(t.Context(), petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: resident(batch)})
		require.NoError(t, err)
	}
	_, err = svc.File(t.Context(), petition.Act{ID: p.ID, By: desk}, petition.Filing{})
	require.ErrorIs(t, err, petition.ErrThreshold)
	var re *petition.RuleError
	require.ErrorAs(t, err, &re)
	assert.Contains(t, re.Rule.String(), "Statuto Comune di Milano")
	// A 16-year-old resident may sign in Milan: born 2 March 2010, declared.
	young, err := codicefiscale.CheckCharacter("GVNMRA10C02F205")
	require.NoError(t, err)
	s := born(paper("GVNMRA10C02F205"+string(young), clk.day), day(2010, time.March, 2))
	s.Category, s.Evidence = "residente", ""
	_, err = svc.Sign(t.Context(), petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{s}})
	require.NoError(t, err)
	p, err = svc.File(t.Context(), petition.Act{ID: p.ID, By: desk}, petition.Filing{})
	require.NoError(t, err)
	assert.Equal(t, 1000, p.Counted)
	assert.Equal(t, day(2026, time.April, 16), p.Deadlines[0].Due)
	assert.True(t, strings.HasPrefix(p.Deadlines[0].Explanation.Term.Source.String(), "art. 9 c. 2 Statuto Comune di Milano"))
}

// The window counts back from the filing day with the month rule of art.
// 2963 c. 4-5 c.c.; its first day is included. Dates by hand.
func TestArt8c2_WindowStart(t *testing.T) {
	w := petition.Window{Length: 3, Unit: deadline.Months}
	for _, c := range []struct {
		filed, start deadline.Date
	}{
		{day(2026, time.June, 15), day(2026, time.March, 15)},
		{day(2026, time.May, 31), day(2026, time.February, 28)},
		{day(2024, time.May, 31), day(2024, time.February, 29)},
		{day(2026, time.March, 31), day(2025, time.December, 31)},
		{day(2026, time.January, 10), day(2025, time.October, 10)},
	} {
		assert.Equal(t, c.start, w.Start(c.filed), "filed %s", c.filed)
	}
	assert.True(t, petition.Window{}.Start(day(2026, time.June, 15)).IsZero())
	assert.Equal(t, day(2026, time.June, 5), petition.Window{Length: 10, Unit: deadline.Days}.Start(day(2026, time.June, 15)))
	assert.Equal(t, "3 mesi prima del deposito", w.String())
}

// The two readings of a window in months or years, dates by hand. Generous
// (the default): art. 2963 c. 5 c.c. backwards, the last day of the month
// reached when it lacks the filing day. Strict: never more than the window's
// length counted forward from its first day, so the day after.
func TestArt8c2_WindowReadings(t *testing.T) {
	months := petition.Window{Length: 3, Unit: deadline.Months}
	strict := petition.Window{Length: 3, Unit: deadline.Months, Strict: true}
	for _, c := range []struct {
		filed, generous, strict deadline.Date
	}{
		{day(2026, time.May, 31), day(2026, time.February, 28), day(2026, time.March, 1)},
		{day(2026, time.May, 30), day(2026, time.February, 28), day(2026, time.March, 1)},
		{day(2026, time.May, 29), day(2026, time.February, 28), day(2026, time.March, 1)},
		{day(2026, time.May, 28), day(2026, time.February, 28), day(2026, time.February, 28)},
		{day(2024, time.May, 31), day(2024, time.February, 29), day(2024, time.March, 1)},
		{day(2024, time.May, 29), day(2024, time.February, 29), day(2024, time.February, 29)},
		{day(2026, time.December, 31), day(2026, time.September, 30), day(2026, time.October, 1)},
		{day(2026, time.June, 15), day(2026, time.March, 15), day(2026, time.March, 15)},
		{day(2026, time.March, 31), day(2025, time.December, 31), day(2025, time.December, 31)},
	} {
		assert.Equal(t, c.generous, months.Start(c.filed), "generous, filed %s", c.filed)
		assert.Equal(t, c.strict, strict.Start(c.filed), "strict, filed %s", c.filed)
	}
	year := petition.Window{Length: 1, Unit: deadline.Years}
	assert.Equal(t, day(2027, time.February, 28), year.Start(day(2028, time.February, 29)))
	year.Strict = true
	assert.Equal(t, day(2027, time.March, 1), year.Start(day(2028, time.February, 29)))
	assert.Equal(t, day(2027, time.February, 28), year.Start(day(2028, time.February, 28)))
	tenDays := petition.Window{Length: 10, Unit: deadline.Days, Strict: true}
	assert.Equal(t, day(2026, time.May, 21), tenDays.Start(day(2026, time.May, 31)), "days: one reading")
	assert.False(t, petition.Rome().Kinds[3].Window.Strict, "Rome's default is the generous reading")

	// Through the Service: a proposal filed on 31 May 2026 with signatures of
	// 28 February and 1 March.
	for _, c := range []struct {
		strict  bool
		counted int
	}{{false, 2}, {true, 1}} {
		policy := proposalPolicy(t, 1)
		r, err := policy.Rules(petition.PropostaDeliberazione)
		require.NoError(t, err)
		r.Window.Strict = c.strict
		f := newFixture(t, policy.With(r), day(2026, time.February, 27))
		id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
		s := sigs(12, 2, day(2026, time.February, 28))
		s[1].Date = day(2026, time.March, 1)
		f.clock.set(day(2026, time.March, 1))
		_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: s})
		require.NoError(t, err)
		f.clock.set(day(2026, time.May, 31))
		p, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{})
		require.NoError(t, err)
		assert.Equal(t, c.counted, p.Counted, "strict %v", c.strict)
		assert.Equal(t, c.strict, p.Window.Strict)
	}
}

// proposalPolicy is Rome's with a proposal threshold of 3, so that window
// edges are tested with a handful of signatures (the rule is the same).
func proposalPolicy(t *testing.T, threshold int) petition.Policy {
	t.Helper()
	r, err := romePolicy().Rules(petition.PropostaDeliberazione)
	require.NoError(t, err)
	r.Threshold.Signatures = threshold
	return romePolicy().With(r)
}

func TestArt8c2_SignaturesCountOnlyInTheThreeMonthsBeforeFiling(t *testing.T) {
	for _, c := range []struct {
		name     string
		dates    []deadline.Date
		filed    deadline.Date
		counted  int
		accepted bool
	}{
		{"first day of the window counts", []deadline.Date{day(2026, time.March, 15), day(2026, time.March, 20), day(2026, time.June, 15)}, day(2026, time.June, 15), 3, true},
		{"the day before the window does not", []deadline.Date{day(2026, time.March, 14), day(2026, time.March, 20), day(2026, time.June, 15)}, day(2026, time.June, 15), 2, false},
		{"last day of the window is the filing day", []deadline.Date{day(2026, time.June, 15), day(2026, time.June, 15), day(2026, time.June, 15)}, day(2026, time.June, 15), 3, true},
		{"31 May reaches back to 28 February", []deadline.Date{day(2026, time.February, 28), day(2026, time.March, 1), day(2026, time.May, 31)}, day(2026, time.May, 31), 3, true},
		{"27 February is out for a filing on 31 May", []deadline.Date{day(2026, time.February, 27), day(2026, time.March, 1), day(2026, time.May, 31)}, day(2026, time.May, 31), 2, false},
		{"leap year: 29 February counts for 31 May 2024", []deadline.Date{day(2024, time.February, 29), day(2024, time.March, 1), day(2024, time.May, 31)}, day(2024, time.May, 31), 3, true},
		{"leap year: 28 February does not", []deadline.Date{day(2024, time.February, 28), day(2024, time.March, 1), day(2024, time.May, 31)}, day(2024, time.May, 31), 2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, proposalPolicy(t, 3), c.dates[0].AddDays(-1))
			id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
			codes := sigs(9, len(c.dates), deadline.Date{})
			for i, d := range c.dates {
				f.clock.set(d)
				codes[i].Date = d
				_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{codes[i]}})
				require.NoError(t, err)
			}
			f.clock.set(c.filed)
			p, err := f.svc.Get(f.ctx, id)
			require.NoError(t, err)
			assert.Equal(t, c.counted, p.Signatures.Countable(p.Window, c.filed))
			p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: desk, On: c.filed}, petition.Filing{})
			if !c.accepted {
				require.ErrorIs(t, err, petition.ErrThreshold)
				var re *petition.RuleError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, "art. 8 c. 2 Statuto Roma Capitale", re.Rule.String())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.counted, p.Counted)
			assert.True(t, p.Reached)
		})
	}
}

func TestArt8c2_SignatureTooOldToCountIsRefused(t *testing.T) {
	f := newFixture(t, proposalPolicy(t, 3), day(2026, time.March, 1))
	id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
	f.clock.set(day(2026, time.June, 16)) // a filing today counts signatures from 16 March
	s := sigs(4, 2, day(2026, time.March, 15))
	_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{s[0]}})
	require.ErrorIs(t, err, petition.ErrWindow)
	var re *petition.RuleError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "art. 8 c. 2 Statuto Roma Capitale", re.Rule.String())
	assert.Contains(t, err.Error(), "16/03/2026")
	s[1].Date = day(2026, time.March, 16)
	_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{s[1]}})
	require.NoError(t, err, "the first day of the window is accepted")
}

func TestCollectionWindowEnforced(t *testing.T) {
	f := newFixture(t, romePolicy(), day(2026, time.March, 10))
	p, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Promotore"}}})
	require.NoError(t, err)
	_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{Closes: day(2026, time.March, 9)})
	require.ErrorIs(t, err, petition.ErrInvalidEvent, "a collection cannot close in the past")
	_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{Closes: day(2026, time.April, 10)})
	require.NoError(t, err)
	f.clock.set(day(2026, time.April, 20))
	for name, d := range map[string]deadline.Date{
		"before the collection opened": day(2026, time.March, 9),
		"after the declared end":       day(2026, time.April, 11),
		"in the future":                day(2026, time.April, 21),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: sigs(5, 1, d)})
			require.ErrorIs(t, err, petition.ErrWindow)
			require.ErrorIs(t, err, petition.ErrRule)
		})
	}
	_, err = f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: sigs(5, 1, day(2026, time.April, 10))})
	require.NoError(t, err, "the declared last day is inside")
}

// A duplicate and a signature dated outside the collection period are
// refused under a stated policy, not under art. 8 c. 5 Statuto (which sets
// the threshold and the answer term and says nothing about them); a
// signature too old for the proposal's window cites the window's rule, art.
// 8 c. 2.
func TestSignatureRefusalsCiteTheirRule(t *testing.T) {
	policyCite := func(t *testing.T, err error, sentinel error) law.Citation {
		t.Helper()
		require.ErrorIs(t, err, sentinel)
		var re *petition.RuleError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, law.Policy, re.Rule.Confidence, re.Rule.String())
		assert.Empty(t, re.Rule.Article, "no article of the Statuto says it")
		assert.NotEmpty(t, re.Rule.Note)
		assert.NotContains(t, err.Error(), "art. 8")
		return re.Rule
	}
	opened := day(2026, time.March, 10)
	for _, k := range []petition.Kind{petition.InterrogazionePopolare, petition.PropostaDeliberazione, petition.Petizione} {
		t.Run(string(k), func(t *testing.T) {
			f := newFixture(t, romePolicy(), opened)
			to := petition.Sindaco
			if k == petition.PropostaDeliberazione {
				to = petition.AssembleaCapitolina
			}
			p, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: k, Addressee: to, Channel: petition.Counter,
				Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Promotore"}}})
			require.NoError(t, err)
			_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{Closes: day(2026, time.April, 10)})
			require.NoError(t, err)
			f.clock.set(day(2026, time.April, 20))
			s := sigs(40, 2, opened)
			_, err = f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{s[0]}})
			require.NoError(t, err)
			if k != petition.Petizione { // a petition's second signature is refused for another reason below
				dup := policyCite(t, func() error {
					_, err := f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{s[0]}})
					return err
				}(), petition.ErrDuplicate)
				inBatch := policyCite(t, func() error {
					_, err := f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{s[1], s[1]}})
					return err
				}(), petition.ErrDuplicate)
				assert.Equal(t, dup, inBatch)
			}
			var period []law.Citation
			for _, d := range []deadline.Date{day(2026, time.March, 9), day(2026, time.April, 11), day(2026, time.April, 21)} {
				s[1].Date = d
				period = append(period, policyCite(t, func() error {
					_, err := f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{s[1]}})
					return err
				}(), petition.ErrWindow))
			}
			assert.Equal(t, period[0], period[1])
			assert.Equal(t, period[0], period[2])
		})
	}
	t.Run("the proposal's window keeps art. 8 c. 2", func(t *testing.T) {
		f := newFixture(t, proposalPolicy(t, 3), day(2026, time.March, 1))
		id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
		f.clock.set(day(2026, time.June, 16))
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: sigs(4, 1, day(2026, time.March, 15))})
		var re *petition.RuleError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "art. 8 c. 2 Statuto Roma Capitale", re.Rule.String())
	})
}

func TestArt8c5_Threshold200(t *testing.T) {
	for _, c := range []struct {
		n  int
		ok bool
	}{{199, false}, {200, true}, {201, true}} {
		t.Run(thousandsName(c.n), func(t *testing.T) {
			f := newFixture(t, romePolicy(), day(2026, time.March, 2))
			id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
			f.signAll(id, sigs(c.n, c.n, day(2026, time.March, 2)))
			before := f.version(id)
			p, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: "RC/2026/1"})
			if !c.ok {
				require.ErrorIs(t, err, petition.ErrThreshold)
				assert.Contains(t, err.Error(), "199; ne servono almeno 200")
				assert.Equal(t, before, f.version(id), "a refused act appends nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.n, p.Counted)
			assert.True(t, p.Reached)
			assert.Equal(t, petition.Filed, p.State)
		})
	}
}

func TestArt8c2_Threshold5000(t *testing.T) {
	for _, c := range []struct {
		n  int
		ok bool
	}{{4999, false}, {5000, true}} {
		t.Run(thousandsName(c.n), func(t *testing.T) {
			f := newFixture(t, romePolicy(), day(2026, time.March, 2))
			id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
			f.signAll(id, sigs(11, c.n, day(2026, time.March, 2)))
			p, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{})
			if !c.ok {
				require.ErrorIs(t, err, petition.ErrThreshold)
				assert.Contains(t, err.Error(), "4.999; ne servono almeno 5.000")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, 5000, p.Counted)
		})
	}
}

func thousandsName(n int) string {
	return map[int]string{199: "199", 200: "200", 201: "201", 4999: "4999", 5000: "5000"}[n]
}

// Answer terms from filing, by hand: calendar days, holiday extension only
// (administrative terms do not move for Saturday), months per art. 2963 c.
// 4-5 c.c.
func TestAnswerTerms(t *testing.T) {
	for _, c := range []struct {
		name   string
		kind   petition.Kind
		to     petition.Addressee
		matter string
		filed  deadline.Date
		due    deadline.Date
	}{
		{"art. 8 c. 5: 60 days, 1 May is a holiday, Saturday 2 May is not", petition.InterrogazionePopolare, petition.Sindaco, "mobilità",
			day(2026, time.March, 2), day(2026, time.May, 2)},
		{"art. 8 c. 5: 30 days on equal opportunities", petition.InterpellanzaPopolare, petition.Sindaco, "Pari Opportunità",
			day(2026, time.March, 2), day(2026, time.April, 1)},
		{"art. 8 c. 6: 60 days for a petition [S], expiring on a Saturday", petition.Petizione, petition.AssembleaCapitolina, "",
			day(2026, time.February, 10), day(2026, time.April, 11)},
		{"art. 8 c. 3: 6 months from 31 August 2025 is Saturday 28 February 2026", petition.PropostaDeliberazione, petition.AssembleaCapitolina, "",
			day(2025, time.August, 31), day(2026, time.February, 28)},
		{"art. 8 c. 3: 6 months from 31 August 2023 is 29 February 2024 (leap year)", petition.PropostaDeliberazione, petition.GiuntaCapitolina, "",
			day(2023, time.August, 31), day(2024, time.February, 29)},
		{"art. 8 c. 3: 6 months from 31 August 2027 is 29 February 2028 (leap year)", petition.PropostaDeliberazione, petition.AssembleaCapitolina, "",
			day(2027, time.August, 31), day(2028, time.February, 29)},
		{"art. 8 c. 3: 28 February 2027 is a Sunday: 1 March", petition.PropostaDeliberazione, petition.AssembleaCapitolina, "",
			day(2026, time.August, 31), day(2027, time.March, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := romePolicy().Rules(c.kind)
			require.NoError(t, err)
			r.Threshold.Signatures = 1
			f := newFixture(t, romePolicy().With(r), c.filed)
			p, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: c.kind, Addressee: c.to, Channel: petition.Counter,
				Subject: "oggetto", Matter: c.matter, Promoters: []petition.Person{{FamilyName: "Promotore"}}})
			require.NoError(t, err)
			_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{})
			require.NoError(t, err)
			_, err = f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: sigs(1, 1, c.filed)})
			require.NoError(t, err)
			p, err = f.svc.File(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Filing{})
			require.NoError(t, err)
			require.Len(t, p.Deadlines, 1)
			d := p.Deadlines[0]
			assert.Equal(t, c.due, d.Due)
			assert.Equal(t, c.due, d.Explanation.Due)
			assert.Equal(t, c.filed, d.Explanation.Start)
			assert.NotEmpty(t, d.Explanation.String())
			assert.Equal(t, c.due, p.NextDue())
			assert.Equal(t, c.due, p.Index().Due)
		})
	}
}

// Art. 8 c. 5 Statuto: the written answer on equal opportunities is due in
// 30 days instead of 60. The office declares it at registration
// (EqualOpportunities); without the declaration, a matter naming "pari
// opportunità" as whole words selects it. Dates by hand: filed on Wednesday
// 1 April 2026; 30 days reach Friday 1 May, Festa del Lavoro, so Saturday 2
// May, which does not move an administrative term; 60 days reach Sunday 31
// May, so Monday 1 June.
func TestArt8c5_EqualOpportunities(t *testing.T) {
	filed := day(2026, time.April, 1)
	short, long := day(2026, time.May, 2), day(2026, time.June, 1)
	for _, c := range []struct {
		name   string
		kind   petition.Kind
		matter string
		flag   bool
		due    deadline.Date
	}{
		{"declared, no matter", petition.InterrogazionePopolare, "", true, short},
		{"declared, matter worded otherwise", petition.InterpellanzaPopolare, "politiche di genere", true, short},
		{"declared, matter of another office", petition.InterrogazionePopolare, "mobilità", true, short},
		{"not declared: the exact matter", petition.InterrogazionePopolare, "pari opportunità", false, short},
		{"not declared: pari opportunità di genere", petition.InterrogazionePopolare, "pari opportunità di genere", false, short},
		{"not declared: politiche di genere e pari opportunità", petition.InterpellanzaPopolare, "politiche di genere e pari opportunità", false, short},
		{"not declared: case, accents and punctuation", petition.InterrogazionePopolare, "PARI OPPORTUNITA'", false, short},
		{"not declared: dispari opportunità is not the matter", petition.InterrogazionePopolare, "dispari opportunità", false, long},
		{"not declared: another matter", petition.InterrogazionePopolare, "mobilità", false, long},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := romePolicy().Rules(c.kind)
			require.NoError(t, err)
			r.Threshold.Signatures = 1
			f := newFixture(t, romePolicy().With(r), filed)
			p, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: c.kind, Addressee: petition.Sindaco, Channel: petition.Counter,
				Subject: "oggetto", Matter: c.matter, EqualOpportunities: c.flag, Promoters: []petition.Person{{FamilyName: "Promotore"}}})
			require.NoError(t, err)
			assert.Equal(t, c.flag, p.EqualOpportunities)
			_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{})
			require.NoError(t, err)
			_, err = f.svc.Sign(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: sigs(1, 1, filed)})
			require.NoError(t, err)
			p, err = f.svc.File(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Filing{})
			require.NoError(t, err)
			require.Len(t, p.Deadlines, 1)
			d := p.Deadlines[0]
			assert.Equal(t, c.due, d.Due)
			assert.Equal(t, "art. 8 c. 5 Statuto Roma Capitale", d.Explanation.Term.Source.String())
			if c.due == short {
				assert.Equal(t, 30, d.Explanation.Term.Length)
				assert.Contains(t, d.Name, "pari opportunità")
				assert.Equal(t, time.Saturday, d.Due.Weekday(), "an administrative term does not move for Saturday")
			}
			assert.Equal(t, c.flag, p.Public(filed, 7).EqualOpportunities)
		})
	}

	t.Run("a kind without a term on equal opportunities refuses the declaration", func(t *testing.T) {
		f := newFixture(t, romePolicy(), filed)
		_, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
			Subject: "oggetto", EqualOpportunities: true, Promoters: []petition.Person{{FamilyName: "Promotore"}}})
		require.ErrorIs(t, err, petition.ErrInvalidEvent)
	})

	t.Run("AnswerTerm", func(t *testing.T) {
		r, err := petition.Rome().Rules(petition.InterrogazionePopolare)
		require.NoError(t, err)
		assert.Equal(t, 30, r.AnswerTerm("", true).Length)
		assert.Equal(t, 30, r.AnswerTerm("Pari opportunità di genere", false).Length)
		assert.Equal(t, 60, r.AnswerTerm("", false).Length)
		assert.Equal(t, 60, r.AnswerTerm("opportunità pari", false).Length, "the words in order")
		p, err := petition.Rome().Rules(petition.Petizione)
		require.NoError(t, err)
		assert.Equal(t, 60, p.AnswerTerm("pari opportunità", true).Length, "no special term for petitions")
	})
}

func TestNames(t *testing.T) {
	assert.Equal(t, "online con un solo firmatario", petition.OnlineSingle.String())
	assert.Equal(t, "OnlineRule(9)", petition.OnlineRule(9).String())
	assert.Equal(t, "nessun limite", petition.Window{}.String())
	for _, s := range []petition.State{petition.Draft, petition.Collecting, petition.Filed, petition.Admissible,
		petition.Inadmissible, petition.Forwarded, petition.Answered, petition.Archived} {
		assert.NotEqual(t, string(s), s.Italian(), "state %s has an Italian name", s)
	}
	for _, e := range petition.EventTypes() {
		assert.NotEqual(t, string(e), e.Italian(), "act %s has an Italian name", e)
	}
}
