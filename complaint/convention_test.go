package complaint_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/complainttest"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/office"
)

// TestActConvention: every act takes an Act; an invalid actor, an unknown
// ID, a wrong role, a stale version, an act out of order, a text not valid
// UTF-8 or over its limit, a day of the fact in the future or before the
// last act are each refused with their sentinel, and the stored history is
// left byte for byte as it was. The record keeps the day of the fact.
func TestActConvention(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	id := v.ID
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: id, By: desk}, complaint.Assignment{To: "csimu"}))
	before, err := f.store.Load(f.ctx, id, 0)
	require.NoError(t, err)

	long := strings.Repeat("à", 1001)
	for _, c := range []struct {
		name string
		do   func() error
		want error
	}{
		{"empty actor", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id}, complaint.WorkStart{})
			return err
		}, complaint.ErrInvalid},
		{"actor without role", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id, By: office.Actor{ID: "x"}}, complaint.WorkStart{})
			return err
		}, complaint.ErrInvalid},
		{"empty ID", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{By: csimu}, complaint.WorkStart{})
			return err
		}, complaint.ErrInvalid},
		{"unknown ID", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: "ghost", By: csimu}, complaint.WorkStart{})
			return err
		}, complaint.ErrNotFound},
		{"wrong role", func() error {
			_, err := f.svc.Close(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Closure{Reason: complaint.ClosedWithdrawn})
			return err
		}, complaint.ErrForbidden},
		{"another office", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id, By: mob}, complaint.WorkStart{})
			return err
		}, complaint.ErrForbidden},
		{"stale version", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id, By: csimu, Version: 1}, complaint.WorkStart{})
			return err
		}, complaint.ErrConflict},
		{"act out of order", func() error {
			_, err := f.svc.RecordReply(f.ctx, complaint.Act{ID: id, By: web}, complaint.CitizenReply{Text: "nessuno ha chiesto"})
			return err
		}, complaint.ErrNotAllowed},
		{"invalid UTF-8", func() error {
			_, err := f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Summary: "buca \xff chiusa"})
			return err
		}, complaint.ErrInvalid},
		{"over-long summary", func() error {
			_, err := f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Summary: long})
			return err
		}, complaint.ErrInvalid},
		{"day of the fact in the future", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id, By: csimu, On: date(2026, 10, 6)}, complaint.WorkStart{})
			return err
		}, complaint.ErrRule},
		{"day of the fact before the last act", func() error {
			_, err := f.svc.Start(f.ctx, complaint.Act{ID: id, By: csimu, On: date(2026, 10, 3)}, complaint.WorkStart{})
			return err
		}, complaint.ErrRule},
	} {
		err := c.do()
		require.ErrorIs(t, err, c.want, c.name)
		after, lerr := f.store.Load(f.ctx, id, 0)
		require.NoError(t, lerr)
		require.Equal(t, before, after, "%s: a refused act stores nothing", c.name)
	}

	_, err = f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Summary: long})
	var te *history.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1000, te.Limit, "a summary has 1000 characters")
	_, err = f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Text: strings.Repeat("a", 20001)})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 20000, te.Limit, "an answer's text has 20000 characters")

	w := must(t)(f.svc.Start(f.ctx, complaint.Act{ID: id, By: csimu, On: date(2026, 10, 5), Version: 2}, complaint.WorkStart{}))
	assert.Equal(t, 3, w.Version)
	f.clock.at(2026, 10, 9)
	w = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu, On: date(2026, 10, 7)}, complaint.Answer{Outcome: complaint.Resolved, Summary: "buca chiusa"}))
	assert.Equal(t, date(2026, 10, 7), w.Answers[0].On)
	assert.Equal(t, date(2026, 10, 7), w.Public().Answered, "the day of the fact, not of the record")
	stream, err := f.store.Load(f.ctx, id, 0)
	require.NoError(t, err)
	assert.Equal(t, date(2026, 10, 7), stream.Records[3].On, "the record keeps the day of the fact")

	got, err := f.svc.Permitted(f.ctx, id, desk)
	require.NoError(t, err)
	assert.Equal(t, []complaint.EventType{complaint.EventClosed, complaint.EventReopened}, got)
	_, err = f.svc.Permitted(f.ctx, id, office.Actor{})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	require.NoError(t, f.svc.Verify(f.ctx, id))
	read, rewritten, err := f.svc.Reindex(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, [2]int{1, 0}, [2]int{read, rewritten})
}

// TestMerge_CrossedMergersCannotBothSucceed: A into B and B into A at the
// same time. Each merger writes both histories in one Write, at the
// versions it read, so at most one succeeds and no loop is ever stored.
func TestMerge_CrossedMergersCannotBothSucceed(t *testing.T) {
	f := newFixture(t)
	for i := range 25 {
		a := f.file(t, desk, pothole()).ID
		b := f.file(t, web, pothole()).ID
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for j, pair := range [][2]complaint.ID{{a, b}, {b, a}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[j] = f.svc.Merge(f.ctx, complaint.Act{ID: pair[0], By: desk}, complaint.Merger{Master: pair[1]})
			}()
		}
		close(start)
		wg.Wait()
		require.False(t, errs[0] == nil && errs[1] == nil, "iteration %d: both crossed mergers succeeded", i)
		for _, err := range errs {
			if err != nil && !errors.Is(err, complaint.ErrConflict) && !errors.Is(err, complaint.ErrNotAllowed) && !errors.Is(err, complaint.ErrRule) {
				t.Fatalf("iteration %d: unexpected error %v", i, err)
			}
		}
		va, err := f.svc.Get(f.ctx, a)
		require.NoError(t, err)
		vb, err := f.svc.Get(f.ctx, b)
		require.NoError(t, err)
		require.False(t, va.State == complaint.Merged && vb.State == complaint.Merged, "iteration %d: a loop of mergers was stored", i)
		successes, merged := 0, 0
		for _, err := range errs {
			if err == nil {
				successes++
			}
		}
		for _, p := range [][2]complaint.View{{va, vb}, {vb, va}} {
			if p[0].State == complaint.Merged {
				merged++
				assert.Equal(t, p[1].ID, p[0].MergedInto)
				assert.Equal(t, []complaint.ID{p[0].ID}, p[1].Duplicates, "the master recorded its duplicate in the same write")
			}
		}
		if merged == 0 {
			assert.Empty(t, append(va.Duplicates, vb.Duplicates...), "a refused merger is recorded on neither history")
		}
		assert.Equal(t, successes, merged, "iteration %d: one merger recorded per success", i)
	}
}

// TestMerge_LoopingChainNeverBreaksReads: a loop of mergers no Service
// writes (A into B, B into A, C into A), stored by hand, still reads: Get
// leaves Master nil, Duplicates ends, Verify passes, and a new merger into
// the loop is refused rather than followed forever.
func TestMerge_LoopingChainNeverBreaksReads(t *testing.T) {
	f := newFixture(t)
	at := romeTime(2026, 10, 2, 9, 0)
	put := func(id, master complaint.ID) {
		t.Helper()
		fl := pothole()
		fl.Received = at
		var recs []complaint.Record
		var head history.Head
		for i, p := range []complaint.Payload{&fl, &complaint.Merger{Master: master}} {
			e, err := complaint.NewEvent(p)
			require.NoError(t, err)
			row, _ := complaint.Lifecycle().Row(e.Type)
			more, err := history.Extend(head, at.Add(time.Duration(i)*time.Minute), deadline.Date{}, desk, row.Basis, e)
			require.NoError(t, err)
			recs = append(recs, more...)
			head = history.Head{Version: more[0].Version, Hash: more[0].Hash}
		}
		v, err := complaint.Replay(recs, deadline.Rome(), f.svc.Policy())
		require.NoError(t, err)
		require.NoError(t, f.store.Write(f.ctx, history.Change[complaint.ID, complaint.Event]{ID: id, Index: v.Index(), Records: recs}))
	}
	put("A", "B")
	put("B", "A")
	put("C", "A")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, id := range []complaint.ID{"A", "B", "C"} {
			v, err := f.svc.Get(f.ctx, id)
			require.NoError(t, err, "Get on a loop")
			assert.Nil(t, v.Master, "no root to show")
			assert.Equal(t, complaint.Merged, v.Public().State)
			require.NoError(t, f.svc.Verify(f.ctx, id))
		}
		ids, err := f.svc.Duplicates(f.ctx, "A")
		require.NoError(t, err)
		assert.ElementsMatch(t, []complaint.ID{"B", "C"}, ids)
		ms, err := f.svc.DuplicatesOf(f.ctx, "A")
		require.NoError(t, err)
		assert.Empty(t, ms, "merged complaints are no candidates")
		d := f.file(t, desk, pothole())
		_, err = f.svc.Merge(f.ctx, complaint.Act{ID: d.ID, By: desk}, complaint.Merger{Master: "C"})
		require.ErrorIs(t, err, complaint.ErrInvalid, "a merger into a loop is refused")
		_, err = f.svc.Separate(f.ctx, complaint.Act{ID: "C", By: desk}, complaint.Separation{Note: "fuori dal ciclo"})
		require.NoError(t, err, "a complaint can leave the loop")
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("reads on a looping chain did not end")
	}
}

// TestVerify_FindsEveryTampering: the hash of a record covers every field
// of every event type: historytest.Tamper edits, deletes, repeats, swaps
// and truncates a history holding all of them, and Verify finds each.
func TestVerify_FindsEveryTampering(t *testing.T) {
	recs, head := complainttest.Records(t)
	types := map[complaint.EventType]bool{}
	for _, r := range recs {
		types[r.Event.Type] = true
	}
	for _, ty := range complaint.Lifecycle().Rows() {
		require.True(t, types[ty.Act], "the history holds an event of type %s", ty.Act)
	}
	n := historytest.Tamper(t, recs, head)
	assert.Greater(t, n, 100)
}
