package register_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

func day(y int, m time.Month, d int) deadline.Date { return deadline.MustDate(y, m, d) }

// Personal data planted in every field a citizen or a counter-interested
// party fills in: none of it may reach a published output.
var planted = []string{
	"Gianfranca", "Zappacosta", "ZPPGFR80A41H501X", "gianfranca.zappacosta@example.org", "zappacosta@pec.example.org",
	"+39 333 1234567", "Via dei Segreti 13", "Vicolo Riservato 7", "Frosinone",
	"Ermenegildo", "Pistilli", "PSTRNG70B12F205Z", "ermenegildo@example.com",
	"TESTO-PRIVATO-DEL-RICHIEDENTE", "DOCUMENTI-CHIESTI-PRIVATI", "MOTIVAZIONE-PRIVATA-DEL-RICHIEDENTE",
	"NOTA-OPPOSIZIONE-PRIVATA", "NOTA-RITIRO-PRIVATA", "RAGIONI-COMPLETE-RISERVATE", "NOTA-RIESAME-PRIVATA",
	"SPID-IDENTITA-PRIVATA",
}

var (
	directory = func() *office.Directory {
		d, err := office.NewDirectory(
			office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
			office.Office{ID: "dip-urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"urbanistica"}},
			office.Office{ID: "punto-di-ascolto", Name: "Ufficio Punto di Ascolto"},
		)
		if err != nil {
			panic(err)
		}
		return d
	}()
	desk     = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	mobilita = office.Actor{ID: "m.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	urban    = office.Actor{ID: "u.verdi", Role: office.CompetentOffice, Office: "dip-urbanistica"}
	rpct     = office.Actor{ID: "rpct", Role: office.RPCT}
	outside  = office.Actor{ID: "pec-gateway", Role: office.External}
)

// env is an access office with a store and a clock past every act.
type env struct {
	t     *testing.T
	ctx   context.Context
	store *history.Memory[access.ID, access.Event]
	svc   *access.Service
	n     int
	now   time.Time
}

func newEnv(t *testing.T) *env { return newEnvIDs(t, nil) }

// newEnvIDs is newEnv with the request IDs newID gives (nil: req-001...).
func newEnvIDs(t *testing.T, newID func() access.ID) *env {
	e := &env{t: t, ctx: context.Background(), store: access.NewMemoryStore()}
	if newID == nil {
		newID = func() access.ID { e.n++; return access.ID(fmt.Sprintf("req-%03d", e.n)) }
	}
	svc, err := access.NewService(access.Config{Store: e.store, Calendar: deadline.Rome(), Directory: directory, Now: func() time.Time { return e.now },
		NewID: newID})
	require.NoError(t, err)
	e.svc = svc
	return e
}

func (e *env) file(kind access.Kind, on deadline.Date, proto string, ch access.Channel) access.ID {
	e.t.Helper()
	f := access.Filing{
		Kind: kind, Protocol: access.Protocol{Number: proto, Date: on}, Channel: ch,
		Received:       on.Time(time.UTC).Add(9 * time.Hour),
		Identification: "SPID-IDENTITA-PRIVATA",
		Applicant: access.Person{Name: "Gianfranca", Surname: "Zappacosta", FiscalCode: "ZPPGFR80A41H501X",
			Email: "gianfranca.zappacosta@example.org", PEC: "zappacosta@pec.example.org", Phone: "+39 333 1234567",
			Residence: "Via dei Segreti 13", Address: "Vicolo Riservato 7", BirthPlace: "Frosinone", BirthDate: day(1980, time.January, 1)},
		Subject:   "TESTO-PRIVATO-DEL-RICHIEDENTE: Zappacosta chiede i verbali su di sé",
		Requested: "DOCUMENTI-CHIESTI-PRIVATI",
		Matter:    "mobilità",
	}
	if kind == access.Documentale {
		f.Reasons = "MOTIVAZIONE-PRIVATA-DEL-RICHIEDENTE"
	}
	e.now = f.Received
	r, err := e.svc.File(e.ctx, access.Act{By: desk}, f)
	require.NoError(e.t, err)
	return r.ID
}

// act dates an act on day on, recorded that day at noon in Rome.
func (e *env) act(id access.ID, by office.Actor, on deadline.Date) access.Act {
	e.now = on.Time(time.UTC).Add(11 * time.Hour)
	return access.Act{ID: id, By: by}
}

func (e *env) must(_ *access.Request, err error) {
	e.t.Helper()
	require.NoError(e.t, err)
}

// scenario files a quarter's worth of requests (Q1 2026, with one from Q4
// 2025 and one from Q2 2026) covering every column of the register and
// every figure of the monitoring.
func scenario(t *testing.T) *env { return scenarioIDs(t, nil) }

// scenarioIDs is scenario with the request IDs newID gives.
func scenarioIDs(t *testing.T, newID func() access.ID) *env {
	e := newEnvIDs(t, newID)
	assign := func(id access.ID, to office.ID, on deadline.Date) {
		e.must(e.svc.Assign(e.ctx, e.act(id, desk, on), access.Assignment{Office: to}))
	}
	subject := func(id access.ID, text string, on deadline.Date) {
		e.must(e.svc.SetPublicSubject(e.ctx, e.act(id, desk, on), access.PublicSubject{Text: text}))
	}

	// 1. Q4 2025: decided in January (counts in Q1's decisions, Q4's receipts).
	r1 := e.file(access.Generalizzato, day(2025, time.December, 1), "RA/2025/0099001", access.ChannelPEC)
	assign(r1, "dip-mobilita", day(2025, time.December, 2))
	subject(r1, "Dati sui passaggi dei bus della linea 64 nel 2025", day(2025, time.December, 2))
	e.must(e.svc.Decide(e.ctx, e.act(r1, mobilita, day(2026, time.January, 5)), access.Ruling{Outcome: access.Accepted, Summary: "Dati trasmessi in formato aperto", Reasons: "RAGIONI-COMPLETE-RISERVATE"}))

	// 2. Generalizzato with two counter-interested parties, one opposing;
	// partial acceptance; review upheld in part.
	r2 := e.file(access.Generalizzato, day(2026, time.January, 8), "RA/2026/0000120", access.ChannelOnline)
	assign(r2, "dip-urbanistica", day(2026, time.January, 9))
	subject(r2, "Progetto di riqualificazione di un immobile comunale", day(2026, time.January, 9))
	e.must(e.svc.NotifyCounterInterested(e.ctx, e.act(r2, urban, day(2026, time.January, 12)), access.Notification{Means: "PEC",
		Parties: []access.Person{{Name: "Ermenegildo", Surname: "Pistilli", FiscalCode: "PSTRNG70B12F205Z", Email: "ermenegildo@example.com"}, {Name: "Impresa Esempio S.r.l."}}}))
	e.must(e.svc.RecordNoticeReceipt(e.ctx, e.act(r2, outside, day(2026, time.January, 13)), access.PartyAct{Party: 1}))
	e.must(e.svc.RecordNoticeReceipt(e.ctx, e.act(r2, outside, day(2026, time.January, 14)), access.PartyAct{Party: 2}))
	e.must(e.svc.RecordOpposition(e.ctx, e.act(r2, outside, day(2026, time.January, 20)), access.PartyAct{Party: 1, Note: "NOTA-OPPOSIZIONE-PRIVATA di Pistilli"}))
	e.must(e.svc.Decide(e.ctx, e.act(r2, urban, day(2026, time.February, 10)), access.Ruling{Outcome: access.PartiallyAccepted,
		Grounds: []access.GroundCode{"d33-5bis-2-a"}, Summary: "Oscurati i dati personali dei proprietari", Reasons: "RAGIONI-COMPLETE-RISERVATE"}))
	e.must(e.svc.FileReview(e.ctx, e.act(r2, outside, day(2026, time.February, 16)), access.RemedyRequest{Note: "NOTA-RIESAME-PRIVATA"}))
	e.must(e.svc.DecideReview(e.ctx, e.act(r2, rpct, day(2026, time.March, 4)), access.ReviewRuling{Outcome: access.PartiallyAccepted,
		Grounds: []access.GroundCode{"d33-5bis-2-a"}, Summary: "Confermato l'oscuramento dei dati personali", Reasons: "RAGIONI-COMPLETE-RISERVATE"}))

	// 3. Documentale decided late, then the difensore civico and the TAR.
	r3 := e.file(access.Documentale, day(2026, time.January, 10), "RA/2026/0000150", access.ChannelProtocol)
	assign(r3, "dip-urbanistica", day(2026, time.January, 12))
	subject(r3, "Titoli edilizi di un fabbricato in zona Prati", day(2026, time.January, 12))
	e.must(e.svc.Decide(e.ctx, e.act(r3, urban, day(2026, time.February, 20)), access.Ruling{Outcome: access.Refused,
		Grounds: []access.GroundCode{"l241-24-6-d"}, NoDeferral: "la riservatezza non cessa con il tempo", Summary: "Documenti relativi alla sfera privata di terzi", Reasons: "RAGIONI-COMPLETE-RISERVATE"}))
	e.must(e.svc.FileOmbudsman(e.ctx, e.act(r3, outside, day(2026, time.March, 2)), access.RemedyRequest{Body: access.DifensoreCivico, Note: "NOTA-RIESAME-PRIVATA"}))
	e.must(e.svc.RecordOmbudsmanOutcome(e.ctx, e.act(r3, outside, day(2026, time.March, 25)), access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Summary: "Ricorso respinto"}))
	e.must(e.svc.FileAppeal(e.ctx, e.act(r3, outside, day(2026, time.April, 20)), access.RemedyRequest{Court: "TAR Lazio"}))
	// Ruling of 30 June, communicated to the administration on 6 July,
	// recorded on 7 July.
	judged := e.act(r3, outside, day(2026, time.July, 7))
	judged.On = day(2026, time.June, 30)
	e.must(e.svc.RecordAppealOutcome(e.ctx, judged, access.AppealRuling{Outcome: access.AppealRejected, Number: "sentenza n. 1/2026", Communicated: day(2026, time.July, 6)}))

	// 4. Withdrawn by the requester.
	r4 := e.file(access.Documentale, day(2026, time.January, 15), "RA/2026/0000170", access.ChannelEmail)
	e.must(e.svc.Withdraw(e.ctx, e.act(r4, desk, day(2026, time.January, 20)), access.Note{Text: "NOTA-RITIRO-PRIVATA di Zappacosta"}))

	// 5. Transferred to another administration, no public subject yet.
	r5 := e.file(access.Generalizzato, day(2026, time.February, 2), "RA/2026/0000300", access.ChannelEmail)
	e.must(e.svc.Forward(e.ctx, e.act(r5, desk, day(2026, time.February, 5)), access.Forwarding{Name: "Regione Lazio", External: true}))

	// 6. Simple civic access never decided: overdue at the end of Q1.
	r6 := e.file(access.CivicoSemplice, day(2026, time.February, 10), "RA/2026/0000333", access.ChannelURP)
	assign(r6, "dip-mobilita", day(2026, time.February, 11))
	subject(r6, "Pubblicazione dei dati sui contratti di servizio", day(2026, time.February, 11))

	// 7. Filed on 31 March, decided on 1 April: Q1 receipt, Q2 decision.
	r7 := e.file(access.Generalizzato, day(2026, time.March, 31), "RA/2026/0000999", access.ChannelPEC)
	assign(r7, "dip-mobilita", day(2026, time.March, 31))
	subject(r7, "Orari dei semafori di piazza Venezia", day(2026, time.March, 31))
	e.must(e.svc.Decide(e.ctx, e.act(r7, mobilita, day(2026, time.April, 1)), access.Ruling{Outcome: access.Accepted}))

	// 8. Generalizzato decided in time within Q1.
	r8 := e.file(access.Generalizzato, day(2026, time.March, 2), "RA/2026/0000500", access.ChannelCRM)
	assign(r8, "dip-mobilita", day(2026, time.March, 2))
	subject(r8, "Numero di multe per sosta nel Municipio I", day(2026, time.March, 2))
	e.must(e.svc.Decide(e.ctx, e.act(r8, mobilita, day(2026, time.March, 20)), access.Ruling{Outcome: access.Accepted, Summary: "Dati aggregati pubblicati"}))

	// 9. Q2 request: outside Q1 altogether.
	e.file(access.Generalizzato, day(2026, time.April, 14), "RA/2026/0001200", access.ChannelPEC)
	return e
}

// views replays every request in the store.
func (e *env) views() []*access.Request {
	e.t.Helper()
	var out []*access.Request
	for r, err := range (register.Source{Store: e.store, Calendar: deadline.Rome()}).Requests(e.ctx, access.Query{}) {
		require.NoError(e.t, err)
		out = append(out, r)
	}
	return out
}

func (e *env) source() register.Source {
	return register.Source{Store: e.store, Calendar: deadline.Rome(), Directory: directory}
}

func TestScenarioBuilds(t *testing.T) {
	e := scenario(t)
	vs := e.views()
	require.Len(t, vs, 9)
	assert.True(t, slices.IsSortedFunc(vs, func(a, b *access.Request) int { return a.Received.Compare(b.Received) }))
}
