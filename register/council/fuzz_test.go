package council_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

// FuzzEventSequence drives the Service with random acts by random roles on
// random dates and checks the invariants after each step: a refused act
// appends nothing and returns a typed error; the stored history verifies and
// replays to the act returned; the state is one of the kind's table; a
// closed act has its closing date and payload; the index's due date is set
// exactly while a term runs unanswered.
func FuzzEventSequence(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{4, 4, 4, 20, 21, 22})
	f.Add([]byte{1, 9, 17, 25, 33, 41, 49, 57})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64 {
			data = data[:64]
		}
		ctx := context.Background()
		store := council.NewMemoryStore()
		now := time.Date(2026, time.June, 1, 9, 0, 0, 0, time.UTC)
		svc, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: store, Now: func() time.Time { return now }})
		require.NoError(t, err)
		kinds := council.Kinds()
		kind := kinds[0]
		if len(data) > 0 {
			kind = kinds[int(data[0])%len(kinds)]
		}
		body := council.Bodies()[len(data)%16]
		filed := deadline.MustDate(2026, time.March, 2)
		act, err := svc.Register(ctx, council.Act{By: clerk}, council.Registered{Kind: kind, Number: council.MustNumber("RQ/2026/1"), Body: body, Filed: filed,
			Presenters: []council.Councillor{{Name: "Anna Bianchi"}}, Subject: "oggetto"})
		require.NoError(t, err)
		other, err := svc.Register(ctx, council.Act{By: clerk}, council.Registered{Kind: council.Mozione, Number: council.MustNumber("RQ/2026/2"), Body: body, Filed: filed,
			Presenters: []council.Councillor{{Name: "Luca Verdi"}}, Subject: "altro"})
		require.NoError(t, err)
		roles := []office.Role{office.FrontOffice, office.CompetentOffice, office.RPCT, office.Administrator, office.External}
		for i, b := range data {
			actor := office.Actor{ID: "fuzz", Role: roles[int(b>>3)%len(roles)]}
			day := filed.AddDays(int(b>>4)*9 - 20) // some before the filing, some after today
			now = now.Add(time.Duration(i) * time.Hour)
			var next council.Item
			switch b % 9 {
			case 0:
				next, err = svc.Classify(ctx, council.Act{ID: act.ID, By: actor}, council.Classified{Matters: []string{"m"}})
			case 1:
				next, err = svc.Link(ctx, council.Act{ID: act.ID, By: actor}, council.Linked{To: other.ID, Relation: council.Related})
			case 2:
				next, err = svc.Remind(ctx, council.Act{ID: act.ID, By: actor}, council.Reminded{Date: day})
			case 3:
				next, err = svc.Schedule(ctx, council.Act{ID: act.ID, By: actor}, council.Scheduling{Session: day})
			case 4:
				next, err = svc.Answer(ctx, council.Act{ID: act.ID, By: actor}, council.Answer{Date: day, Form: council.WrittenAnswer})
			case 5:
				next, err = svc.Vote(ctx, council.Act{ID: act.ID, By: actor}, council.Vote{Date: day, Outcome: council.Approve})
			case 6:
				next, err = svc.Vote(ctx, council.Act{ID: act.ID, By: actor}, council.Vote{Date: day, Outcome: council.Reject})
			case 7:
				next, err = svc.Withdraw(ctx, council.Act{ID: act.ID, By: actor}, council.Withdrawal{Date: day})
			default:
				next, err = svc.Lapse(ctx, council.Act{ID: act.ID, By: actor}, council.Lapse{Date: day, Reason: "fine consiliatura"})
			}
			st, lerr := store.Load(ctx, act.ID, 0)
			require.NoError(t, lerr)
			if err != nil {
				require.True(t, errors.Is(err, council.ErrNotAllowed) || errors.Is(err, council.ErrForbidden) ||
					errors.Is(err, council.ErrRule) || errors.Is(err, council.ErrInvalidEvent), "untyped refusal: %v", err)
				require.Equal(t, act.Version, st.Version(), "a refused act appends nothing")
				continue
			}
			act = next
			require.Equal(t, act.Version, st.Version())
			require.NoError(t, st.Verify())
			replayed, err := council.Replay(st.Records, deadline.Rome(), council.DefaultPolicy())
			require.NoError(t, err)
			replayed.ID = act.ID
			require.Equal(t, act, replayed)
			require.True(t, act.Index().Equal(st.Index), "stored index %+v, replayed %+v", st.Index, act.Index())
			require.True(t, slices.Contains(council.Lifecycle(kind).States(), act.State))
			require.Equal(t, act.State.Closed(), !act.Closed.IsZero())
			switch act.State {
			case council.Answered:
				require.NotNil(t, act.Answer)
				require.Equal(t, act.Answer.Date, act.Closed)
			case council.Approved, council.Rejected:
				require.NotNil(t, act.Vote)
			}
			require.True(t, act.Closed.IsZero() || !act.Closed.Before(act.Filed))
			d, running := act.AnswerDeadline()
			require.Equal(t, running && d.Met.IsZero(), !st.Index.Due.IsZero())
		}
	})
}
