package petition_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

func TestDuplicateSignaturesRejected(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
	_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper("RSSMRA85T10A562S", today)}})
	require.NoError(t, err)

	for name, code := range map[string]string{
		"same code":                      "RSSMRA85T10A562S",
		"same code in lower case":        "rssmra85t10a562s",
		"same code with spaces":          "RSS MRA 85T10 A562S",
		"same code with the SPID prefix": "TINIT-RSSMRA85T10A562S",
	} {
		t.Run(name, func(t *testing.T) {
			before := f.version(id)
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(code, today)}})
			require.ErrorIs(t, err, petition.ErrDuplicate)
			var be *petition.BatchError
			require.ErrorAs(t, err, &be)
			require.Len(t, be.Refused, 1)
			assert.Equal(t, 0, be.Refused[0].Index)
			assert.Contains(t, err.Error(), "02/03/2026", "says when the first signature was given")
			assert.NotContains(t, err.Error(), "RSSMRA", "never repeats the code")
			assert.Equal(t, before, f.version(id))
		})
	}

	t.Run("twice in one batch", func(t *testing.T) {
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper("BNCLRA90A41H501F", today), paper("bnclra90a41h501f", today)}})
		require.ErrorIs(t, err, petition.ErrDuplicate)
		var be *petition.BatchError
		require.ErrorAs(t, err, &be)
		assert.Equal(t, 1, be.Refused[0].Index)
	})

	t.Run("a batch is all or nothing", func(t *testing.T) {
		batch := sigs(77, 5, today)
		batch[3].Signatory.CodiceFiscale = "tinit-rssmra85t10a562s" // already signed
		batch[1].Signatory.CodiceFiscale = "RSSMRA85T10A562X"       // wrong check character
		before := f.version(id)
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch})
		require.Error(t, err)
		var be *petition.BatchError
		require.ErrorAs(t, err, &be)
		require.Len(t, be.Refused, 2)
		assert.Equal(t, 1, be.Refused[0].Index)
		assert.ErrorIs(t, be.Refused[0].Err, codicefiscale.ErrInvalid)
		assert.Equal(t, 3, be.Refused[1].Index)
		assert.ErrorIs(t, be.Refused[1].Err, petition.ErrDuplicate)
		assert.Equal(t, 5, be.Of)
		assert.Equal(t, before, f.version(id))
		p, err := f.svc.Get(f.ctx, id)
		require.NoError(t, err)
		assert.Equal(t, 1, p.Signatures.Valid)
	})
}

// An omocodic code is issued by the Agenzia delle Entrate to a second
// person whose code would coincide with the first's (DM 12 marzo 1974; DPR
// 605/1973 art. 1): RSSMRA85T10A56NH (check character by hand: odd
// positions R S R 8 T 0 5 N are worth 8+12+8+19+14+1+13+20 = 95, even ones
// S M A 5 1 A 6 are worth 18+12+0+5+1+0+6 = 42; 137 mod 26 = 7, H) is not
// the holder of RSSMRA85T10A562S. Both sign and count; the
// officer's view lists them to verify by hand; the published view and the
// Index do not; each withdraws with their own code only.
func TestOmocodicVariantsAreOtherPeople(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
	base, variant := "RSSMRA85T10A562S", "RSSMRA85T10A56NH"
	c, err := codicefiscale.CheckCharacter("RSSMRA85T1LA562")
	require.NoError(t, err)
	other := "RSSMRA85T1LA562" + string(c) // another variant of the same base

	_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(base, today)}})
	require.NoError(t, err)
	p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(variant, today)}})
	require.NoError(t, err, "a second person, not a duplicate")
	assert.Equal(t, 2, p.Signatures.Valid)
	require.Equal(t, []petition.Verification{{Base: base, Codes: []string{base, variant}}}, p.ToVerify)
	assert.Equal(t, 2, p.ToVerifyCount())

	_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(strings.ToLower(variant), today)}})
	require.ErrorIs(t, err, petition.ErrDuplicate, "the variant's holder cannot sign twice either")

	// Within one batch too, and with the SPID prefix.
	p, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper("TINIT-"+other, today), paper("BNCLRA90A41H501F", today)}})
	require.NoError(t, err)
	assert.Equal(t, 4, p.Signatures.Valid)
	require.Equal(t, []petition.Verification{{Base: base, Codes: []string{base, variant, other}}}, p.ToVerify)

	for _, v := range []any{p.Public(today, 7), p.Index()} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "RSSMRA")
		assert.NotContains(t, string(b), "toVerify")
	}

	// Withdrawals match the code as signed.
	_, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: "RSSMRA85T10A56PQ"}) // a variant nobody signed with (95-20+3+42 = 120, 120 mod 26 = 16, Q)
	require.ErrorIs(t, err, petition.ErrRule)
	p, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: base})
	require.NoError(t, err)
	assert.Equal(t, 3, p.Signatures.Valid)
	require.Equal(t, []petition.Verification{{Base: base, Codes: []string{variant, other}}}, p.ToVerify,
		"the first signature withdrawn, the variants stay, in the order signed")
	p, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: "rssmra85t10a56nh"})
	require.NoError(t, err)
	assert.Empty(t, p.ToVerify, "a code alone on its base is no longer to verify")
	assert.Equal(t, 0, p.ToVerifyCount())
	_, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: variant})
	require.ErrorIs(t, err, petition.ErrRule, "already withdrawn")
	p, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(base, today)}})
	require.NoError(t, err, "the base's holder signs again")
	require.Equal(t, []petition.Verification{{Base: base, Codes: []string{other, base}}}, p.ToVerify)

	h := mustHistory(t, f, id)
	again, err := petition.Replay(id, h, deadline.Rome(), romePolicy())
	require.NoError(t, err)
	assert.Equal(t, p, again)
	var codes []string
	for _, s := range petition.Signatories(h) {
		codes = append(codes, s.Signatory.CodiceFiscale)
	}
	assert.Equal(t, []string{other, "BNCLRA90A41H501F", base}, codes)
}

func TestWithdrawalBeforeFiling(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
	p := f.signAll(id, sigs(3, 200, today))
	assert.Equal(t, 200, p.Signatures.Valid)
	code := petitiontest.Codes(3, 1)[0]
	cf, err := codicefiscale.Parse(code)
	require.NoError(t, err)

	f.clock.set(today.AddDays(1))
	p, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: cf.String()})
	require.NoError(t, err)
	assert.Equal(t, 199, p.Signatures.Valid)
	assert.Equal(t, 1, p.Signatures.Withdrawn)
	require.Len(t, p.Signatures.ByDay, 1)
	assert.Equal(t, petition.DayCount{Day: today, Signed: 200, Withdrawn: 1, Valid: 199}, p.Signatures.ByDay[0])

	_, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: cf.String()})
	require.ErrorIs(t, err, petition.ErrRule, "nothing left to withdraw")
	_, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: "RSSMRA85T10A562X"})
	require.ErrorIs(t, err, codicefiscale.ErrInvalid)

	_, err = f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{})
	require.ErrorIs(t, err, petition.ErrThreshold, "199 after the withdrawal")

	p, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(code, today.AddDays(1))}})
	require.NoError(t, err, "after withdrawing, the person may sign again")
	assert.Equal(t, 200, p.Signatures.Valid)
	p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{})
	require.NoError(t, err)
	assert.Equal(t, 200, p.Counted)

	_, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: code})
	require.ErrorIs(t, err, petition.ErrNotAllowed, "no withdrawal after filing")

	signed := petition.Signatories(mustHistory(t, f, id))
	assert.Len(t, signed, 200)
}

func mustHistory(t *testing.T, f *fixture, id petition.ID) []petition.Record {
	t.Helper()
	h, err := f.svc.History(f.ctx, id)
	require.NoError(t, err)
	return h
}

// Statuto art. 6 c. 1: the four categories, all of age, each with its evidence.
func TestArt6_Eligibility(t *testing.T) {
	signDay := day(2026, time.March, 10)
	// Born 10 March 2008: 18 on 10 March 2026. Born 11 March 2008: not yet.
	of18, err := codicefiscale.CheckCharacter("RSSMRA08C10H501")
	require.NoError(t, err)
	of17, err := codicefiscale.CheckCharacter("RSSMRA08C11H501")
	require.NoError(t, err)
	leap, err := codicefiscale.CheckCharacter("RSSMRA08B69H501") // woman born 29 February 2008
	require.NoError(t, err)
	adult := "RSSMRA08C10H501" + string(of18)
	minor := "RSSMRA08C11H501" + string(of17)
	leapling := "RSSMRA08B69H501" + string(leap)

	for _, c := range []struct {
		name string
		sig  petition.Signature
		on   deadline.Date
		err  error
	}{
		{"elector with the section", petition.Signature{Signatory: petition.Person{CodiceFiscale: "RSSMRA85T10A562S"}, Category: petition.Elettore, Evidence: "sezione 1234", Method: petition.Paper, Date: signDay}, signDay, nil},
		{"worker with the workplace", petition.Signature{Signatory: petition.Person{CodiceFiscale: "RSSMRA85T10A562S"}, Category: petition.Lavoratore, Evidence: "sede di lavoro in via X", Method: petition.Paper, Date: signDay}, signDay, nil},
		{"student with the university", petition.Signature{Signatory: petition.Person{CodiceFiscale: "RSSMRA85T10A562S"}, Category: petition.Studente, Evidence: "università", Method: petition.Paper, Date: signDay}, signDay, nil},
		{"foreigner with the permit", petition.Signature{Signatory: petition.Person{CodiceFiscale: "VRDGPP85R10Z404F"}, Category: petition.Straniero, Evidence: "permesso di soggiorno", Method: petition.Paper, Date: signDay}, signDay, nil},
		{"no evidence declared", petition.Signature{Signatory: petition.Person{CodiceFiscale: "RSSMRA85T10A562S"}, Category: petition.Elettore, Method: petition.Paper, Date: signDay}, signDay, petition.ErrIneligible},
		{"unknown category", petition.Signature{Signatory: petition.Person{CodiceFiscale: "RSSMRA85T10A562S"}, Category: "turista", Evidence: "x", Method: petition.Paper, Date: signDay}, signDay, petition.ErrIneligible},
		{"18 on the day of signing (from the code)", paper(adult, signDay), signDay, nil},
		{"18 on the day of signing (declared)", born(paper(adult, signDay), day(2008, time.March, 10)), signDay, nil},
		{"17 on the day of signing (declared)", born(paper(minor, signDay), day(2008, time.March, 11)), signDay, petition.ErrIneligible},
		{"the code alone of a 17-year-old also reads 1908: of age", paper(minor, signDay), signDay, nil},
		{"born 29 February 2008: of age on 28 February 2026", born(paper(leapling, day(2026, time.February, 28)), day(2008, time.February, 29)), day(2026, time.February, 28), nil},
		{"born 29 February 2008: not on 27 February 2026", born(paper(leapling, day(2026, time.February, 27)), day(2008, time.February, 29)), day(2026, time.February, 27), petition.ErrIneligible},
		{"declared birth date agrees with the code", func() petition.Signature {
			s := paper("RSSMRA85T10A562S", signDay)
			s.Signatory.BirthDate = day(1985, time.December, 10)
			return s
		}(), signDay, nil},
		{"declared birth date contradicts the code", func() petition.Signature {
			s := paper("RSSMRA85T10A562S", signDay)
			s.Signatory.BirthDate = day(1985, time.December, 11)
			return s
		}(), signDay, petition.ErrIneligible},
		{"foreigner under 18 (declared)", born(petition.Signature{Signatory: petition.Person{CodiceFiscale: "VRDGPP13R10Z404K"}, Category: petition.Straniero, Evidence: "permesso", Method: petition.Paper, Date: signDay}, day(2013, time.October, 10)), signDay, petition.ErrIneligible},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, romePolicy(), day(2026, time.February, 1))
			id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
			f.clock.set(c.on)
			p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{c.sig}})
			if c.err == nil {
				require.NoError(t, err)
				assert.Equal(t, 1, p.Signatures.Valid)
				return
			}
			require.ErrorIs(t, err, c.err)
			var re *petition.RuleError
			require.ErrorAs(t, err, &re)
			assert.False(t, re.Rule.IsZero(), "a refusal cites its rule")
		})
	}
}

func TestOnlineSignatures(t *testing.T) {
	today := day(2026, time.March, 2)
	spid := func(cf string) petition.Signature {
		return petition.Signature{Signatory: petition.Person{CodiceFiscale: cf}, Category: petition.Elettore,
			Evidence: "sezione 5", Method: petition.SPID, Sheet: "spid-tx-1"}
	}
	t.Run("petition online: a single signatory", func(t *testing.T) {
		f := newFixture(t, romePolicy(), today)
		id := f.draftOpen(petition.Petizione, petition.Sindaco, "")
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("RSSMRA85T10A562S"), spid("BNCLRA90A41H501F")}})
		require.ErrorIs(t, err, petition.ErrOnline, "two online signatories at once")
		p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("RSSMRA85T10A562S")}})
		require.NoError(t, err)
		assert.Equal(t, today, p.Signatures.ByDay[0].Day, "an online signature without date takes the day it is recorded")
		_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("BNCLRA90A41H501F")}})
		require.ErrorIs(t, err, petition.ErrOnline, "a second online signatory")
		_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper("BNCLRA90A41H501F", today)}})
		require.ErrorIs(t, err, petition.ErrOnline, "paper signatures on a petition signed online")
		p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: portal}, petition.Filing{})
		require.NoError(t, err)
		assert.Equal(t, 1, p.Counted)
	})
	t.Run("paper petition with many signatories", func(t *testing.T) {
		f := newFixture(t, romePolicy(), today)
		id := f.draftOpen(petition.Petizione, petition.Sindaco, "")
		f.signAll(id, sigs(8, 3, today))
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("RSSMRA85T10A562S")}})
		require.ErrorIs(t, err, petition.ErrOnline)
	})
	t.Run("proposal: online and paper mixed", func(t *testing.T) {
		f := newFixture(t, romePolicy(), today)
		id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
		f.signAll(id, sigs(8, 3, today))
		p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("RSSMRA85T10A562S"), func() petition.Signature {
			s := spid("BNCLRA90A41H501F")
			s.Method = petition.CIE
			return s
		}()}})
		require.NoError(t, err)
		assert.Equal(t, []petition.MethodCount{{Method: petition.Paper, Valid: 3}, {Method: petition.SPID, Valid: 1}, {Method: petition.CIE, Valid: 1}},
			p.Signatures.ByMethod)
	})
	t.Run("a kind without online signatures", func(t *testing.T) {
		r, err := romePolicy().Rules(petition.InterrogazionePopolare)
		require.NoError(t, err)
		r.Online = petition.OnlineNone
		f := newFixture(t, romePolicy().With(r), today)
		id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
		_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{spid("RSSMRA85T10A562S")}})
		require.ErrorIs(t, err, petition.ErrOnline)
	})
	t.Run("paper signature without date", func(t *testing.T) {
		f := newFixture(t, romePolicy(), today)
		id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper("RSSMRA85T10A562S", deadline.Date{})}})
		require.ErrorIs(t, err, petition.ErrInvalidEvent)
	})
}

func TestCountsByDayAndCategory(t *testing.T) {
	d1, d2 := day(2026, time.March, 2), day(2026, time.March, 3)
	f := newFixture(t, romePolicy(), d1)
	id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
	batch := sigs(21, 6, d1)
	batch[1].Category, batch[1].Evidence = petition.Studente, "liceo"
	batch[2].Category, batch[2].Evidence = petition.Straniero, "permesso"
	_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch[:3]})
	require.NoError(t, err)
	f.clock.set(d2)
	for i := 3; i < 6; i++ {
		batch[i].Date = d2
	}
	p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch[3:]})
	require.NoError(t, err)
	p, err = f.svc.WithdrawSignature(f.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: batch[2].Signatory.CodiceFiscale})
	require.NoError(t, err)
	assert.Equal(t, []petition.DayCount{
		{Day: d1, Signed: 3, Withdrawn: 1, Valid: 2},
		{Day: d2, Signed: 3, Valid: 3},
	}, p.Signatures.ByDay)
	assert.Equal(t, []petition.CategoryCount{
		{Category: petition.Elettore, Valid: 4}, {Category: petition.Studente, Valid: 1}, {Category: petition.Straniero, Valid: 0},
	}, p.Signatures.ByCategory)
	assert.Equal(t, 5, p.Signatures.Valid)
	// The timeline merges the signatures of a day into one step.
	var steps []string
	for _, s := range p.Timeline {
		steps = append(steps, string(s.Event))
	}
	assert.Equal(t, []string{"drafted", "collection-opened", "signed", "signed", "signature-withdrawn"}, steps)
	assert.Equal(t, 3, p.Timeline[3].Count)
}

func TestSignatureErrorsUnwrap(t *testing.T) {
	be := &petition.BatchError{Of: 5, Refused: []petition.SignatureError{
		{Index: 0, Err: &petition.RuleError{Reason: "a", Err: petition.ErrWindow}},
		{Index: 1, Err: &petition.RuleError{Reason: "b", Err: petition.ErrDuplicate}},
		{Index: 2, Err: &petition.RuleError{Reason: "c"}},
		{Index: 3, Err: &petition.RuleError{Reason: "d"}},
	}}
	assert.True(t, errors.Is(be, petition.ErrDuplicate))
	assert.True(t, errors.Is(be, petition.ErrWindow))
	assert.False(t, errors.Is(be, petition.ErrIneligible))
	assert.Equal(t, "petition: 4 of 5 signatures refused; signature 0: a; signature 1: b; signature 2: c; and 1 more", be.Error())
}

// born declares the signatory's date of birth.
func born(s petition.Signature, on deadline.Date) petition.Signature {
	s.Signatory.BirthDate = on
	return s
}

// The codice fiscale has the year of birth without its century. When the
// two digits read both as a minor and as an adult of at most MaxAge (120)
// years, the adult reading prevails unless a declared date of birth says
// otherwise [P]. Ages by hand, on the day of signing 1 April 2026.
func TestArt6_CenturyOfTheBirthYear(t *testing.T) {
	on := day(2026, time.April, 1)
	code := func(first15 string) string {
		c, err := codicefiscale.CheckCharacter(first15)
		require.NoError(t, err)
		return first15 + string(c)
	}
	over25 := petition.Category{ID: "over25", Name: "categoria di prova: 25 anni compiuti", MinAge: 25,
		Source: law.Citation{Note: "categoria di prova", Confidence: law.Policy}}
	for _, c := range []struct {
		name     string
		cf       string
		declared deadline.Date
		cat      petition.CategoryID
		ok       bool
	}{
		// 10/12/x20: 2020 gives 5 years, 1920 gives 105: of age.
		{"born 10/12/1920, no declared date: 105, not 5", code("RSSMRA20T10H501"), deadline.Date{}, petition.Elettore, true},
		{"born 10/12/1920, declared", code("RSSMRA20T10H501"), day(1920, time.December, 10), petition.Elettore, true},
		{"born 10/12/2020, declared: 5", code("RSSMRA20T10H501"), day(2020, time.December, 10), petition.Elettore, false},
		// 02/04/x08: 2008 gives 17 (18 on 2 April), 1908 gives 117.
		{"born 02/04/x08: 17 or 117, no declared date", code("RSSMRA08D02H501"), deadline.Date{}, petition.Elettore, true},
		{"born 02/04/2008, declared: 17", code("RSSMRA08D02H501"), day(2008, time.April, 2), petition.Elettore, false},
		// 01/04/x08: 2008 gives 18 that very day.
		{"born 01/04/2008, declared: 18 today", code("RSSMRA08D01H501"), day(2008, time.April, 1), petition.Elettore, true},
		// 25 years: 01/04/x05 gives 21 (2005) or 121 (1905, over MaxAge): refused.
		{"25 required, born 01/04/x05: 21 or 121", code("RSSMRA05D01H501"), deadline.Date{}, "over25", false},
		// 02/04/x05 gives 20 (2005) or 120 (1905: 121 only tomorrow): of age.
		{"25 required, born 02/04/x05: 20 or 120", code("RSSMRA05D02H501"), deadline.Date{}, "over25", true},
		{"25 required, born 02/04/2005, declared: 20", code("RSSMRA05D02H501"), day(2005, time.April, 2), "over25", false},
		// 01/04/x01 gives 25 (2001): the recent reading is of age.
		{"25 required, born 01/04/x01: 25", code("RSSMRA01D01H501"), deadline.Date{}, "over25", true},
		// 02/04/x01 gives 24 (2001) or 124 (1901): refused.
		{"25 required, born 02/04/x01: 24 or 124", code("RSSMRA01D02H501"), deadline.Date{}, "over25", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			policy := romePolicy()
			policy.Categories = append(policy.Categories, over25)
			f := newFixture(t, policy, on)
			id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
			s := paper(c.cf, on)
			s.Category, s.Signatory.BirthDate = c.cat, c.declared
			p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{s}})
			if c.ok {
				require.NoError(t, err)
				assert.Equal(t, 1, p.Signatures.Valid)
				return
			}
			require.ErrorIs(t, err, petition.ErrIneligible)
			assert.Contains(t, err.Error(), "non ha compiuto")
		})
	}
	assert.Equal(t, 120, petition.MaxAge)
}

func TestSyntheticCodesAreValidAndDistinct(t *testing.T) {
	seen := map[uint64]bool{}
	for _, code := range petitiontest.Codes(3, 2000) {
		cf, err := codicefiscale.Parse(code)
		require.NoError(t, err, code)
		require.False(t, seen[cf.Key().Base()], "distinct people, none an omocodic variant of another")
		seen[cf.Key().Base()] = true
	}
}
