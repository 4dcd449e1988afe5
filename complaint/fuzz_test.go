package complaint_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/office"
)

// FuzzServiceSequence drives random sequences of acts, by random actors,
// through the Service on two complaints, and checks after each act that:
// nothing panics; a refused act appends nothing; an accepted act appends
// exactly one record and moves to the state the Lifecycle says; the stored
// history verifies, replays to the returned view, and the stored Index is
// the view's; every deadline carries its code (AnswerCode for the first
// answer term, ReopeningAnswerCode for the others, CitizenReplyCode for the
// citizen's reply terms); the Index and the Public view carry no personal
// data.
func FuzzServiceSequence(f *testing.F) {
	f.Add([]byte{1, 3, 5, 6, 8, 9})
	f.Add([]byte{1, 3, 4, 5, 6, 7, 9, 12, 8})
	f.Add([]byte{10, 11, 1, 13, 2, 14})
	f.Add([]byte{0x31, 0x13, 0x24, 0x45, 0x66, 0x87, 0x98, 0xA9, 0xBA, 0xCB, 0xDC, 0xED})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		fx := newFixture(t)
		secret := "SEGRETO"
		fl := pothole()
		fl.Person.FirstName, fl.Description = secret, secret
		ids := []complaint.ID{fx.file(t, desk, fl).ID, fx.file(t, web, fl).ID}
		for i, op := range ops {
			id := ids[int(op>>7)&1]
			actor := actors[int(op>>4)%len(actors)]
			before, err := fx.store.Load(fx.ctx, id, 0)
			if err != nil {
				t.Fatal(err)
			}
			act, v, skip, err := randomAct(t, fx, ids, op, secret)
			if skip {
				continue
			}
			after, lerr := fx.store.Load(fx.ctx, id, 0)
			if lerr != nil {
				t.Fatal(lerr)
			}
			if err != nil {
				if after.Head.Version != before.Head.Version {
					t.Fatalf("op %d (%s by %s): refused (%v) but appended", i, act, actor.Role, err)
				}
				continue
			}
			if after.Head.Version != before.Head.Version+1 {
				t.Fatalf("op %d (%s): %d records appended", i, act, after.Head.Version-before.Head.Version)
			}
			prev, perr := complaint.ReplayStream(before, fx.svc.Calendar(), fx.svc.Policy())
			if perr != nil {
				t.Fatal(perr)
			}
			want, cerr := complaint.Lifecycle().Check(prev.State, act, actor.Role)
			if cerr != nil || want != v.State {
				t.Fatalf("op %d (%s): state %s, lifecycle says %s (%v)", i, act, v.State, want, cerr)
			}
			if err := fx.svc.Verify(fx.ctx, id); err != nil {
				t.Fatalf("op %d: %v", i, err)
			}
			got, err := fx.svc.Get(fx.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if jsonString(t, got) != jsonString(t, v) {
				t.Fatalf("op %d (%s): returned view differs from the stored one", i, act)
			}
			if jsonString(t, after.Index) != jsonString(t, v.Index()) {
				t.Fatalf("op %d (%s): stored index %+v, view index %+v", i, act, after.Index, v.Index())
			}
			for j, d := range v.Deadlines {
				want := complaint.ReopeningAnswerCode
				if j == 0 {
					want = complaint.AnswerCode
				}
				if d.Code != want {
					t.Fatalf("op %d (%s): deadline %d (%s) has code %q, not %q", i, act, j, d.Name, d.Code, want)
				}
			}
			for _, x := range v.Exchanges {
				if x.ReplyBy != nil && x.ReplyBy.Code != complaint.CitizenReplyCode {
					t.Fatalf("op %d (%s): reply term %s has code %q", i, act, x.ReplyBy.Name, x.ReplyBy.Code)
				}
			}
			for _, s := range []string{jsonString(t, v.Index()), jsonString(t, v.Public())} {
				if strings.Contains(s, secret) {
					t.Fatalf("op %d (%s): personal data published: %s", i, act, s)
				}
			}
		}
	})
}

// randomAct performs the act op encodes on one of ids (the complaint, the
// actor, the office named and the act's payload are bits of op), after
// moving the clock on, and returns the kind of act, the View and error the
// Service returned; skip is true for a search (DuplicatesOf), which
// records nothing.
func randomAct(t *testing.T, fx *fixture, ids []complaint.ID, op byte, secret string) (act complaint.EventType, v complaint.View, skip bool, err error) {
	t.Helper()
	id := ids[int(op>>7)&1]
	actor := actors[int(op>>4)%len(actors)]
	to := offices[int(op>>5)%len(offices)]
	fx.clock.Set(fx.clock.Now().Add(time.Duration(1+int(op)%97) * 7 * time.Hour))
	switch op % 15 {
	case 0:
		act = complaint.EventAssigned
		v, err = fx.svc.Assign(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Assignment{To: to})
	case 1:
		act = complaint.EventAssigned
		v, err = fx.svc.Assign(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Assignment{})
	case 2:
		act = complaint.EventForwarded
		v, err = fx.svc.Forward(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Forwarding{To: to, Reason: "x"})
	case 3:
		act = complaint.EventStarted
		v, err = fx.svc.Start(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.WorkStart{})
	case 4:
		act = complaint.EventInfoRequested
		v, err = fx.svc.RequestInfo(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.InfoRequest{Question: secret + " domanda"})
	case 5:
		act = complaint.EventCitizenReplied
		v, err = fx.svc.RecordReply(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.CitizenReply{Text: secret})
	case 6:
		act = complaint.EventAnswered
		o := []complaint.Outcome{complaint.Resolved, complaint.Scheduled, complaint.Founded}[int(op>>4)%3]
		v, err = fx.svc.Answer(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Answer{Outcome: o, Text: secret, Summary: "sintesi"})
	case 7:
		act = complaint.EventClosed
		r := []complaint.CloseReason{"", complaint.ClosedAnswered, complaint.ClosedNoReply, complaint.ClosedWithdrawn, complaint.ClosedForwarded}[int(op>>4)%5]
		v, err = fx.svc.Close(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Closure{Reason: r, Note: secret})
	case 8:
		act = complaint.EventReopened
		v, err = fx.svc.Reopen(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Reopening{Reason: secret})
	case 9:
		act = complaint.EventMerged
		v, err = fx.svc.Merge(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Merger{Master: ids[1-int(op>>7)&1], Note: secret})
	case 10:
		act = complaint.EventSeparated
		v, err = fx.svc.Separate(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Separation{})
	case 11:
		act = complaint.EventForwardedOutside
		v, err = fx.svc.ForwardOutside(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.OutsideForwarding{To: to, Summary: "trasmessa"})
	case 12:
		act = complaint.EventExternalReplyRecorded
		v, err = fx.svc.RecordExternalReply(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.ExternalReply{Text: secret, Summary: "ok"})
	case 13:
		act = complaint.EventReclassified
		cat := []string{"marciapiedi", "buche", "pericolo", "nope"}[int(op>>4)%4]
		v, err = fx.svc.Reclassify(fx.ctx, complaint.Act{ID: id, By: actor}, complaint.Reclassification{Category: cat})
	case 14:
		var ms []complaint.Match
		ms, err = fx.svc.DuplicatesOf(fx.ctx, id)
		if err != nil {
			t.Fatalf("op %#x: duplicates: %v", op, err)
		}
		for _, m := range ms {
			if m.ID == id {
				t.Fatalf("op %#x: a complaint is its own duplicate", op)
			}
		}
		return "", complaint.View{}, true, nil
	}
	return act, v, false, err
}

var (
	actors  = []office.Actor{desk, csimu, mob, web, rpct}
	offices = []office.ID{"csimu", "mobilita", "ama", "", "nowhere"}
)

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
