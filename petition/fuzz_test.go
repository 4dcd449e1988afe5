package petition_test

import (
	"errors"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// FuzzServiceSequence drives random sequences of acts, by random actors with
// random arguments, through the Service on every Rome kind (thresholds
// lowered so that filing is reachable). Invariants after every act: it
// never panics; a refused act wraps a known sentinel and appends nothing; an
// accepted act appends exactly one record; the returned view equals the
// fold of the stored history (the Service's cached state never drifts); the
// stored Index is the view's; the signatures to verify are live ones sharing
// a base (never refused as duplicates); every deadline carries its code (AnswerCode
// first once filed, OfficeReplyCode for the requests); the hash chain
// verifies.
func FuzzServiceSequence(f *testing.F) {
	f.Add([]byte{0, 1, 2, 2, 2, 4, 5, 7, 8, 9, 10})
	f.Add([]byte{16, 1, 2, 3, 2, 4, 6, 10})
	f.Add([]byte{32, 1, 2, 2, 2, 2, 4, 5, 7, 7, 8, 8, 9, 10, 9})
	f.Add([]byte{48, 1, 0x22, 0x32, 0x42, 3, 0x52, 4, 0x15, 0x17, 0x28, 0x19, 0x0a})
	f.Add([]byte{0xff, 0xfe, 0xfd, 0x00, 0x80})
	// An interrogazione: codes[0] signs, then the holder of its omocodic
	// variant (codes[8]), who withdraws and signs again; codes[0] withdraws.
	f.Add([]byte{16, 1, 0x02, 0x82, 0x83, 0x82, 0x03, 0x0c})
	// Eight people, plus an omocodic variant of the first's code: another
	// person, whose signature counts and is listed to verify.
	codes := petitiontest.Codes(1234, 8)
	codes = append(codes, omocodicVariant(codes[0]))
	actors := []office.Actor{desk, portal, secretariat, assembly, mobility, works, {ID: "", Role: office.FrontOffice}}
	offices := []office.ID{"dip-mobilita", "dip-lavori-pubblici", "dip-ignoto"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 96 {
			return
		}
		policy := romePolicy()
		for _, k := range []petition.Kind{petition.PropostaDeliberazione, petition.InterrogazionePopolare, petition.InterpellanzaPopolare} {
			r, _ := policy.Rules(k)
			r.Threshold.Signatures = 2
			policy = policy.With(r)
		}
		today := day(2026, time.March, 2)
		fx := newFixture(t, policy, today)
		kinds := []petition.Kind{petition.Petizione, petition.InterrogazionePopolare, petition.InterpellanzaPopolare, petition.PropostaDeliberazione}
		kind := kinds[int(data[0]>>4)%len(kinds)]
		to := petition.Sindaco
		if kind == petition.PropostaDeliberazione {
			to = petition.AssembleaCapitolina
		}
		p, err := fx.svc.Draft(fx.ctx, petition.Act{By: desk}, petition.Registration{Kind: kind, Addressee: to, Channel: petition.Counter,
			Subject: "oggetto", Matter: []string{"", "pari opportunità di genere", "mobilità"}[int(data[0])%3],
			EqualOpportunities: data[0]%4 == 3 && (kind == petition.InterrogazionePopolare || kind == petition.InterpellanzaPopolare),
			Promoters:          []petition.Person{{FamilyName: "Promotore"}}})
		if err != nil {
			t.Fatal(err)
		}
		id, version := p.ID, 1
		for i, b := range data[1:] {
			arg := int(b >> 4)
			actor := actors[arg%len(actors)]
			if b&0x80 == 0 { // most acts by the right people, to go deep
				switch b & 0x0f {
				case 8:
					actor = mobility
				case 9:
					actor = secretariat
					if to == petition.AssembleaCapitolina {
						actor = assembly
					}
				case 5, 6:
					actor = desk
				default:
					actor = desk
				}
			}
			if arg%3 == 0 {
				fx.clock.set(fx.clock.day.AddDays(arg))
			}
			now := fx.clock.day
			var err error
			switch b & 0x0f {
			case 0:
				_, err = fx.svc.OpenCollection(fx.ctx, petition.Act{ID: id, By: actor}, petition.Collection{Closes: now.AddDays(arg - 3)})
			case 1:
				_, err = fx.svc.OpenCollection(fx.ctx, petition.Act{ID: id, By: actor}, petition.Collection{})
			case 2:
				s := paper(codes[arg%len(codes)], now.AddDays(-(arg % 4)))
				if arg%5 == 4 {
					s.Method, s.Date = petition.SPID, deadline.Date{}
				}
				_, err = fx.svc.Sign(fx.ctx, petition.Act{ID: id, By: actor}, petition.Batch{Signatures: []petition.Signature{s}})
			case 3:
				_, err = fx.svc.WithdrawSignature(fx.ctx, petition.Act{ID: id, By: actor}, petition.Withdrawal{CodiceFiscale: codes[arg%len(codes)]})
			case 4:
				_, err = fx.svc.File(fx.ctx, petition.Act{ID: id, By: actor, On: now.AddDays(-(arg % 2))}, petition.Filing{})
			case 5:
				_, err = fx.svc.DeclareAdmissible(fx.ctx, petition.Act{ID: id, By: actor}, petition.Admission{})
			case 6:
				_, err = fx.svc.DeclareInadmissible(fx.ctx, petition.Act{ID: id, By: actor}, petition.Refusal{Reason: "motivo", Ground: law.Cite("Statuto Roma Capitale", "8", "6")})
			case 7:
				_, err = fx.svc.Forward(fx.ctx, petition.Act{ID: id, By: actor}, petition.Forwarding{Requests: []petition.Request{{Office: offices[arg%len(offices)], Question: "q", Days: arg % 3}}})
			case 8:
				_, err = fx.svc.RecordReply(fx.ctx, petition.Act{ID: id, By: actor}, petition.Reply{Request: 1 + arg%3, Summary: "r"})
			case 9:
				_, err = fx.svc.Answer(fx.ctx, petition.Act{ID: id, By: actor}, petition.Answer{Outcome: petition.Replied, Summary: "s"})
			case 10:
				_, err = fx.svc.Archive(fx.ctx, petition.Act{ID: id, By: actor}, petition.Archiving{Reason: "motivo"})
			case 11:
				_, err = fx.svc.Sign(fx.ctx, petition.Act{ID: id, By: actor}, petition.Batch{Signatures: sigs(arg, 3, now)})
			default:
				_, err = fx.svc.Get(fx.ctx, id)
				version-- // a read appends nothing
			}
			st, lerr := fx.store.Load(fx.ctx, id, 0)
			if lerr != nil {
				t.Fatal(lerr)
			}
			if err != nil {
				if !knownRefusal(err) {
					t.Fatalf("act %d (%#x): unexpected error %T: %v", i, b, err, err)
				}
				if st.Version() != version {
					t.Fatalf("act %d (%#x): refused act changed the version from %d to %d", i, b, version, st.Version())
				}
				continue
			}
			version++
			if st.Version() != version {
				t.Fatalf("act %d (%#x): version %d, want %d", i, b, st.Version(), version)
			}
			got, gerr := fx.svc.Get(fx.ctx, id)
			if gerr != nil {
				t.Fatal(gerr)
			}
			want, rerr := petition.Replay(id, st.Records, deadline.Rome(), policy)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if !equalJSON(t, got, want) {
				t.Fatalf("act %d (%#x): the Service's state differs from the fold of the history", i, b)
			}
			if !equalJSON(t, st.Index, want.Index()) {
				t.Fatalf("act %d (%#x): stored index %+v, derived %+v", i, b, st.Index, want.Index())
			}
			for _, v := range got.ToVerify {
				if len(v.Codes) < 2 {
					t.Fatalf("act %d (%#x): a group to verify of %d code", i, b, len(v.Codes))
				}
			}
			if got.ToVerifyCount() > got.Signatures.Valid {
				t.Fatalf("act %d (%#x): %d to verify, %d valid", i, b, got.ToVerifyCount(), got.Signatures.Valid)
			}
			for j, d := range got.Deadlines {
				code := petition.OfficeReplyCode
				if j == 0 && !got.Filed.IsZero() {
					code = petition.AnswerCode
				}
				if d.Code != code {
					t.Fatalf("act %d (%#x): deadline %d (%s) has code %q, not %q", i, b, j, d.Name, d.Code, code)
				}
			}
		}
		st, _ := fx.store.Load(fx.ctx, id, 0)
		if err := st.Verify(); err != nil {
			t.Fatal(err)
		}
	})
}

func knownRefusal(err error) bool {
	for _, s := range []error{petition.ErrNotAllowed, petition.ErrForbidden, petition.ErrRule, petition.ErrInvalid, codicefiscale.ErrInvalid} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// omocodicVariant replaces the last digit of the place number of cf with its
// omocodia letter and recomputes the check character.
func omocodicVariant(cf string) string {
	b := []byte(cf[:15])
	b[14] = "LMNPQRSTUV"[b[14]-'0']
	c, err := codicefiscale.CheckCharacter(string(b))
	if err != nil {
		panic(err)
	}
	return string(b) + string(c)
}
