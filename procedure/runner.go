package procedure

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Runner performs acts on one procedure's histories: the load, check,
// build, seal, fold and write loop every procedure shares, written once.
// A procedure's Service holds one and gives it four functions: how to fold
// a history (Replay), what to index (Index), who may do what in which state
// (Check), and, per act, how to build the event.
//
// S is the procedure's folded state, A the kind of act (its EventType).
type Runner[ID ~string, E any, S any, A comparable] struct {
	// Store persists the histories.
	Store history.Store[ID, E]
	// Now is the clock; nil means time.Now. Records are stamped with it and
	// "today" is its day in Rome. Rules never read it.
	Now func() time.Time
	// Replay folds a whole history into the state. It must not fail on a
	// history the procedure itself wrote.
	Replay func(id ID, records []history.Record[E]) (S, error)
	// Index derives the store index of a state.
	Index func(S) history.Index
	// Check reports whether by may perform act on cur (the zero S for an act
	// that opens a case), and returns the rule the act applies: the
	// lifecycle table (state and role) and rules about which office acts.
	Check func(cur S, act A, by office.Actor) (law.Citation, error)

	// Fold, set alone, folds the act's new record onto the state the act was
	// checked on, instead of replaying the whole history a second time.
	//
	// Fold, Copy and States, all three set, make the Runner incremental: it
	// keeps in States the state of each history it last read or wrote, with
	// the head it was folded at. The next act is decided on the kept state
	// without reading the store, and written with a compare-and-set on the
	// kept head; if another Runner wrote meanwhile, that write is refused
	// and the act is decided again after loading only the records written
	// since (Store.Load after the kept version), folded onto the kept
	// state. Reads (Get) load those records too. Neither replays the whole
	// history: what keeps an act on a proposal with 5,000 signatures in the
	// microseconds, and an act on a database one write. A kept state is
	// used only when the stored history continues the head it was folded
	// at, so several Runners (several application instances) on one store
	// stay correct; otherwise the history is replayed whole.
	//
	// Fold folds more records onto a state folded from the history before
	// them: Fold(id, Replay(h), more) must equal Replay(h followed by more).
	// It may change prev and return it: the Runner never uses prev again.
	Fold func(id ID, prev S, records []history.Record[E]) (S, error)
	// Copy returns a copy of s that Fold may change without changing s:
	// the Runner keeps one and hands the other out.
	Copy func(s S) S
	// States keeps the folded states (NewStates); nil keeps none.
	States *States[ID, S]
}

// incremental reports whether the Runner keeps folded states.
func (r *Runner[ID, E, S, A]) incremental() bool {
	return r.Fold != nil && r.Copy != nil && r.States != nil
}

// load returns the history's current state and the stream it was read
// from: after a kept state, only the records written since it (the stream's
// Head is the whole history's); else the whole history, replayed.
func (r *Runner[ID, E, S, A]) load(ctx context.Context, id ID) (S, history.Stream[ID, E], error) {
	var zero S
	if r.incremental() {
		if k, ok := r.States.take(id); ok {
			st, err := r.Store.Load(ctx, id, k.head.Version)
			if err != nil {
				return zero, st, err
			}
			if continues(k.head, st) {
				cur := k.state
				if len(st.Records) > 0 {
					if cur, err = r.Fold(id, cur, st.Records); err != nil {
						return zero, st, err
					}
				}
				return cur, st, nil
			}
		}
	}
	st, err := r.Store.Load(ctx, id, 0)
	if err != nil {
		return zero, st, err
	}
	cur, err := r.Replay(id, st.Records)
	return cur, st, err
}

// putBack returns to States a state taken for an act that was refused
// before anything was folded onto it: unchanged, it is still the state of
// id at head.
func (r *Runner[ID, E, S, A]) putBack(id ID, head history.Head, s S) {
	if r.incremental() {
		r.States.put(id, head, s)
	}
}

// keep remembers s as the state of id at head, when incremental.
func (r *Runner[ID, E, S, A]) keep(id ID, head history.Head, s S) {
	if r.incremental() {
		r.States.put(id, head, r.Copy(s))
	}
}

// continues reports whether st, loaded after head's version, continues
// the history head was taken from: nothing new and the same head, or new
// records linked to head and ending at the stream's head.
func continues[ID ~string, E any](head history.Head, st history.Stream[ID, E]) bool {
	if len(st.Records) == 0 {
		return st.Head == head
	}
	first, last := st.Records[0], st.Records[len(st.Records)-1]
	return first.Version == head.Version+1 && first.Prev == head.Hash &&
		last.Version == st.Head.Version && last.Hash == st.Head.Hash
}

// Step is what an act's build function is told, and how it asks for more.
type Step[ID ~string, E any] struct {
	// ID is the case acted on (the new one's, for an act that opens a case).
	ID ID
	// By is the actor.
	By office.Actor
	// On is the day of the fact (the Act's On, or today).
	On deadline.Date
	// Today is the day of Now in Rome.
	Today deadline.Date
	// Now is the instant the act is recorded.
	Now time.Time
	// Basis is the rule the act applies, from Check; build may narrow it.
	Basis law.Citation

	also []history.Change[ID, E]
}

// Also adds a change to another history, written atomically with the act:
// how a rule across two histories holds under concurrency (a merger
// records itself on its master too, so that two crossed mergers cannot
// both succeed). Build it with Runner.Touch.
func (st *Step[ID, E]) Also(c history.Change[ID, E]) { st.also = append(st.also, c) }

func (r *Runner[ID, E, S, A]) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// Get loads a history and folds it.
func (r *Runner[ID, E, S, A]) Get(ctx context.Context, id ID) (S, history.Head, error) {
	var zero S
	if err := history.CheckID(string(id)); err != nil {
		return zero, history.Head{}, err
	}
	s, st, err := r.load(ctx, id)
	if err != nil {
		return zero, st.Head, err
	}
	r.keep(id, st.Head, s)
	return s, st.Head, nil
}

// Verify loads a history and checks it against its stored head: nil if
// intact, else a *history.BrokenError naming the first bad record.
func (r *Runner[ID, E, S, A]) Verify(ctx context.Context, id ID) error {
	if err := history.CheckID(string(id)); err != nil {
		return err
	}
	st, err := r.Store.Load(ctx, id, 0)
	if err != nil {
		return err
	}
	return st.Verify()
}

// Open performs an act that opens a case: a.ID names it (Create never
// assigns one: the Service does, before calling). build returns the first
// event. The history is created at version 1; ErrExists if the ID is taken.
func (r *Runner[ID, E, S, A]) Open(ctx context.Context, a Act[ID], act A, build func(st *Step[ID, E]) (E, error)) (S, error) {
	var zero S
	return r.run(ctx, a, act, nil, build, zero)
}

// Do performs an act on an existing case: load and fold its history, check
// the act (Check), let build make the event from the current state, seal it
// (At: now, On: the day of the fact, the actor, the basis), fold it, and
// write it with the expected version and the new index, together with any
// change the build added with Step.Also. It returns the new state. An
// incremental Runner first tries the act on the state it kept, without the
// load (see doKept): the result is the same. A refused act writes nothing; a concurrent act on the same case makes the
// later one fail with history.ErrConflict (see Retry). build reads cur and
// must not change it: a refused act leaves the state as it found it, and
// an incremental Runner keeps it for the next act.
func (r *Runner[ID, E, S, A]) Do(ctx context.Context, a Act[ID], act A, build func(cur S, st *Step[ID, E]) (E, error)) (S, error) {
	var zero S
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if err := a.Check(false); err != nil {
		return zero, err
	}
	if next, done, err := r.doKept(ctx, a, act, build); done {
		return next, err
	}
	cur, stream, err := r.load(ctx, a.ID)
	if err != nil {
		return zero, err
	}
	if a.Version != 0 && a.Version != stream.Head.Version {
		r.putBack(a.ID, stream.Head, cur)
		return zero, fmt.Errorf("%w: %s is at version %d, the act was decided on version %d", history.ErrConflict, a.ID, stream.Head.Version, a.Version)
	}
	return r.run(ctx, a, act, &stream, func(st *Step[ID, E]) (E, error) { return build(cur, st) }, cur)
}

// doKept performs an act on the state kept for a.ID, when there is one,
// without loading the history first: the write's compare-and-set on the
// kept head is what proves the state current, and saves Do a read of the
// store on every act (a round trip to the database). done reports whether
// the act was carried out or failed for good; when it is false nothing
// was written and the kept state is back in States, unchanged, and Do
// performs the act the usual way, on the history loaded from the store:
//   - when nothing is kept, or the act was decided on another version
//     than the kept one (Act.Version);
//   - when the act is refused on the kept state, which may be stale: a
//     refusal is only ever given on the stored history;
//   - when the write finds the history moved on (history.ErrConflict) or
//     at the kept version with another head (history.ErrInvalid): another
//     application instance wrote meanwhile.
//
// So an act is checked, and recorded, on the state of the stored history
// at some moment during the call, exactly as when Do loads it first; an
// act overtaken again between that load and its write still fails with
// history.ErrConflict. The act's record is folded onto a copy, so that
// the kept state stays whole for the second attempt.
func (r *Runner[ID, E, S, A]) doKept(ctx context.Context, a Act[ID], act A, build func(cur S, st *Step[ID, E]) (E, error)) (next S, done bool, err error) {
	var zero S
	if !r.incremental() {
		return zero, false, nil
	}
	k, ok := r.States.take(a.ID)
	if !ok {
		return zero, false, nil
	}
	giveBack := func() { r.States.put(a.ID, k.head, k.state) }
	if a.Version != 0 && a.Version != k.head.Version {
		giveBack()
		return zero, false, nil
	}
	stream := history.Stream[ID, E]{ID: a.ID, Head: k.head}
	recs, st, err := r.seal(ctx, a, act, &stream, func(st *Step[ID, E]) (E, error) { return build(k.state, st) }, k.state)
	if err == nil {
		next, err = r.Fold(a.ID, r.Copy(k.state), recs)
	}
	if err != nil {
		giveBack()
		return zero, false, nil
	}
	change := history.Change[ID, E]{ID: a.ID, Expected: k.head.Version, Index: r.Index(next), Records: recs}
	err = r.Store.Write(ctx, append([]history.Change[ID, E]{change}, st.also...)...)
	switch {
	case errors.Is(err, history.ErrConflict) || errors.Is(err, history.ErrInvalid):
		giveBack()
		return zero, false, nil
	case err != nil:
		giveBack()
		return zero, true, err
	}
	r.keep(a.ID, history.Head{Version: recs[len(recs)-1].Version, Hash: recs[len(recs)-1].Hash}, next)
	return next, true, nil
}

func (r *Runner[ID, E, S, A]) run(ctx context.Context, a Act[ID], act A, stream *history.Stream[ID, E], build func(*Step[ID, E]) (E, error), cur S) (S, error) {
	var zero S
	recs, st, err := r.seal(ctx, a, act, stream, build, cur)
	if err != nil {
		if stream != nil {
			r.putBack(a.ID, stream.Head, cur)
		}
		return zero, err
	}
	var head history.Head
	var prior []history.Record[E]
	if stream != nil {
		head, prior = stream.Head, stream.Records
	}
	var next S
	if r.Fold != nil && stream != nil {
		next, err = r.Fold(a.ID, cur, recs)
	} else {
		next, err = r.Replay(a.ID, append(prior[:len(prior):len(prior)], recs...))
	}
	if err != nil {
		return zero, err
	}
	change := history.Change[ID, E]{ID: a.ID, Expected: head.Version, Index: r.Index(next), Records: recs}
	if err := r.Store.Write(ctx, append([]history.Change[ID, E]{change}, st.also...)...); err != nil {
		return zero, err
	}
	r.keep(a.ID, history.Head{Version: recs[len(recs)-1].Version, Hash: recs[len(recs)-1].Hash}, next)
	return next, nil
}

// seal checks the act on cur and returns its sealed records, with the
// step that built them; it changes nothing.
func (r *Runner[ID, E, S, A]) seal(ctx context.Context, a Act[ID], act A, stream *history.Stream[ID, E], build func(*Step[ID, E]) (E, error), cur S) ([]history.Record[E], *Step[ID, E], error) {
	if stream == nil {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if err := a.Check(false); err != nil {
			return nil, nil, err
		}
	}
	basis, err := r.Check(cur, act, a.By)
	if err != nil {
		return nil, nil, err
	}
	now := r.now()
	st := &Step[ID, E]{ID: a.ID, By: a.By, On: a.On, Today: deadline.DateOf(now), Now: now, Basis: basis}
	if st.On.IsZero() {
		st.On = st.Today
	}
	if st.On.After(st.Today) {
		return nil, nil, Refuse(citeChronology, "%v dated %s, after today (%s)", act, st.On, st.Today)
	}
	ev, err := build(st)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckText(ev); err != nil {
		return nil, nil, err
	}
	var head history.Head
	if stream != nil {
		head = stream.Head
	}
	recs, err := history.Extend(head, now, st.On, a.By, st.Basis, ev)
	return recs, st, err
}

// Touch builds, for Step.Also, a change that appends ev to another history
// id as part of the act in st (same instant, day, actor and basis), and
// returns that history's state before and after. The write then fails with
// history.ErrConflict if id moved on meanwhile.
func (r *Runner[ID, E, S, A]) Touch(ctx context.Context, st *Step[ID, E], id ID, ev E) (before, after S, err error) {
	stream, err := r.Store.Load(ctx, id, 0)
	if err != nil {
		return before, after, err
	}
	if before, err = r.Replay(id, stream.Records); err != nil {
		return before, after, err
	}
	if err := CheckText(ev); err != nil {
		return before, after, err
	}
	recs, err := history.Extend(stream.Head, st.Now, st.On, st.By, st.Basis, ev)
	if err != nil {
		return before, after, err
	}
	if after, err = r.Replay(id, append(stream.Records, recs...)); err != nil {
		return before, after, err
	}
	st.Also(history.Change[ID, E]{ID: id, Expected: stream.Head.Version, Index: r.Index(after), Records: recs})
	return before, after, nil
}

// Reindex replays every history of the store and rewrites the index of
// each one whose stored index differs from the replayed one (after a
// calendar correction or a change of policy): it returns how many it read
// and how many it rewrote. A history written meanwhile is read again. It
// pages through Store.List in (received, ID) order, so its memory does not
// grow with the store: it remembers only the histories whose new index
// moved them later in that order, until it meets them again.
func (r *Runner[ID, E, S, A]) Reindex(ctx context.Context) (read, rewritten int, err error) {
	q := history.Query{Limit: history.MaxLimit}
	// A history whose rewritten index has a later receipt date may come
	// again on a page still to come: each history is read once.
	moved := make(map[ID]struct{})
	for {
		page, err := r.Store.List(ctx, q)
		if err != nil {
			return read, rewritten, err
		}
		for _, it := range page.Items {
			if _, ok := moved[it.ID]; ok {
				delete(moved, it.ID)
				continue
			}
			changed, later, err := r.reindexOne(ctx, it.ID)
			if err != nil {
				return read, rewritten, err
			}
			read++
			if changed {
				rewritten++
			}
			if later {
				moved[it.ID] = struct{}{}
			}
		}
		if page.Next == "" {
			return read, rewritten, nil
		}
		q.Cursor = page.Next
	}
}

// reindexOne rewrites the index of id if it differs from the replayed one;
// later reports that the rewrite moved its receipt date later.
func (r *Runner[ID, E, S, A]) reindexOne(ctx context.Context, id ID) (changed, later bool, err error) {
	for {
		st, err := r.Store.Load(ctx, id, 0)
		if err != nil {
			return false, false, err
		}
		s, err := r.Replay(id, st.Records)
		if err != nil {
			return false, false, err
		}
		idx := r.Index(s)
		if idx.Equal(st.Index) {
			return false, false, nil
		}
		err = r.Store.Write(ctx, history.Change[ID, E]{ID: id, Expected: st.Head.Version, Index: idx})
		if !errors.Is(err, history.ErrConflict) {
			return err == nil, err == nil && idx.Received.After(st.Index.Received), err
		}
	}
}

// Retry runs act until it does not fail with history.ErrConflict, at most
// attempts times (at least once), and returns its last result. Each run of
// an act reloads the case and checks the act again against what another
// writer recorded meanwhile, so a retried act is never applied to a state
// it was not checked on. Retry only acts whose repetition is what the user
// meant (recording a fact, not "decide whatever the state is now").
func Retry[T any](ctx context.Context, attempts int, act func(context.Context) (T, error)) (T, error) {
	var v T
	var err error
	for i := 0; i < max(attempts, 1); i++ {
		if v, err = act(ctx); !errors.Is(err, history.ErrConflict) {
			return v, err
		}
		if cerr := ctx.Err(); cerr != nil {
			return v, cerr
		}
	}
	return v, err
}

// States keeps the folded states of an incremental Runner, at most a fixed
// number of histories, forgetting the least recently kept one beyond it;
// safe for concurrent use. A state is taken by one act at a time: two acts
// on one history at once find it once, and the other replays the history
// whole.
type States[ID ~string, S any] struct {
	mu   sync.Mutex
	max  int
	tick uint64
	kept map[ID]kept[S]
}

type kept[S any] struct {
	head  history.Head
	state S
	tick  uint64
}

// NewStates returns a States keeping at most n histories' states (at
// least one).
func NewStates[ID ~string, S any](n int) *States[ID, S] {
	return &States[ID, S]{max: max(n, 1), kept: make(map[ID]kept[S])}
}

// Len returns the number of states kept.
func (c *States[ID, S]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.kept)
}

func (c *States[ID, S]) take(id ID) (kept[S], bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.kept[id]
	delete(c.kept, id)
	return k, ok
}

func (c *States[ID, S]) put(id ID, head history.Head, s S) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.kept[id]; ok && k.head.Version > head.Version {
		return
	}
	if _, ok := c.kept[id]; !ok && len(c.kept) >= c.max {
		var oldest ID
		first := true
		for other, k := range c.kept {
			if first || k.tick < c.kept[oldest].tick {
				oldest, first = other, false
			}
		}
		delete(c.kept, oldest)
	}
	c.tick++
	c.kept[id] = kept[S]{head: head, state: s, tick: c.tick}
}
