package complaint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Config configures a Service.
type Config struct {
	// Store keeps the histories. Required.
	Store Store
	// Directory is the administration's offices, used to route complaints.
	// Required.
	Directory *office.Directory
	// Calendar computes the deadlines. Required: Roma Capitale passes
	// deadline.Rome() (29 June moves terms in Rome), other administrations
	// deadline.Italy().
	Calendar *deadline.Calendar
	// Policy holds the administration's choices; the zero Policy means
	// DefaultPolicy().
	Policy Policy
	// Now is the clock; nil means time.Now. Rules never read the clock:
	// only the Service does, once per act, to date the record and to know
	// which day is today.
	Now func() time.Time
	// NewID generates IDs for complaints filed without one; nil means a
	// random UUID.
	NewID func() ID
	// Keep is how many complaints' folded histories the Service keeps
	// between acts, each with the head it was folded at: the next act on a
	// kept complaint is decided on it and written with a compare-and-set on
	// that head, without reading the store, and a read loads only the
	// records written since and folds them on, instead of loading and
	// replaying the whole history.
	// 0 means DefaultKeep; a negative Keep keeps none. Beyond Keep
	// complaints, the least recently kept is forgotten. See Service.
	Keep int
}

// DefaultKeep is the number of complaints whose folded histories a
// Service keeps when Config.Keep is 0.
const DefaultKeep = 64

// Act says who performs an act on which complaint (ID), on which day the
// fact took place (On) and, optionally, on which version of the complaint
// the actor decided (Version). Every act of the Service takes one:
// Service.Verb(ctx, Act, payload).
//
// The zero On means today by the Service's clock; a past date records a fact
// that happened earlier (a reply that arrived by post on Friday, entered on
// Monday), and every term runs from it. A future On is refused (ErrRule), and
// so is a day before the complaint was received. The acts that record a
// fact coming from outside, RecordReply and Reopen, may be dated before
// acts recorded meanwhile (not before the request or the answer they
// follow); the others not before the last act recorded. A non-zero Version
// makes the act fail with ErrConflict if the complaint has moved on since.
type Act = procedure.Act[ID]

// step is what an act's build function is told.
type step = procedure.Step[ID, Event]

// Service performs the acts of the complaint procedure: one method per act,
// Verb(ctx, Act, payload). Each loads the complaint, replays its history,
// checks the act against the Lifecycle (state and role) and the procedure's
// rules, seals one new record at Now() with the actor, the day of the fact
// and the act's legal basis, writes it at the version it read, and returns
// the new View (procedure.Runner). A refused act writes nothing; a
// concurrent change makes the write fail with an error wrapping
// ErrConflict, which is returned, never retried behind the caller's back
// (see procedure.Retry).
//
// Offices act only on the complaints assigned to them: an actor in role
// CompetentOffice whose Office is not the complaint's gets ErrForbidden.
//
// The history is folded once per act: the act is checked on the fold of
// the history before it, without the deadlines, which no guard reads; its
// record is folded on top, and the deadlines are computed once, on the
// result, for the index and the returned View. Between acts the Service
// keeps the folded histories of the complaints it last read or wrote
// (Config.Keep) as a cache: the next act is decided on the kept history
// and written with a compare-and-set on its head; if another Service wrote
// meanwhile, that write is refused and the act decided again after loading
// only the records written since the kept head, folded on
// (procedure.Runner's incremental mode). A read loads those records too.
// The store stays
// the only truth: a kept history is used only when the stored records
// continue its head, so any number of Services, in one process or in
// several, may work on one store.
//
// A Service is safe for concurrent use if its Store is.
type Service struct {
	// run folds histories without their deadlines (Replay, Fold): an act
	// is checked on the fold of the history before it, its record folded on
	// top, and the deadlines computed once, on the result (view).
	run procedure.Runner[ID, Event, *folder, EventType]
	// whole is run with a Replay that computes the deadlines too, for what
	// replays a history to index it at once: filing (Open), the master's
	// history a merger also writes (Touch), and Reindex.
	whole procedure.Runner[ID, Event, *folder, EventType]
	dir   *office.Directory
	cal   *deadline.Calendar
	pol   Policy
	now   func() time.Time
	newID func() ID
}

// NewService checks cfg and returns a Service. It fails with an error
// wrapping ErrInvalid if the store, directory or calendar is missing, the
// policy is invalid, or a category names an office the directory does not
// have.
func NewService(cfg Config) (*Service, error) {
	switch {
	case cfg.Store == nil:
		return nil, invalid("service without store")
	case cfg.Directory == nil:
		return nil, invalid("service without office directory")
	case cfg.Calendar == nil:
		return nil, invalid("service without calendar (deadline.Rome() for Roma Capitale, deadline.Italy() elsewhere)")
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	s := &Service{dir: cfg.Directory, cal: cfg.Calendar, pol: cfg.Policy.orDefault().clone(), now: cfg.Now, newID: cfg.NewID}
	for _, c := range s.pol.Taxonomy.Categories() {
		if c.Office != "" && !s.dir.Has(c.Office) {
			return nil, invalid("category %s names office %q, which is not in the directory", c.Code, c.Office)
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() ID { return ID(uuid.NewString()) }
	}
	s.run = procedure.Runner[ID, Event, *folder, EventType]{
		Store:  cfg.Store,
		Now:    s.now,
		Replay: s.replay,
		Index:  s.index,
		Check:  s.check,
		Fold:   s.fold,
		Copy:   (*folder).clone,
	}
	if keep := cfg.Keep; keep >= 0 {
		if keep == 0 {
			keep = DefaultKeep
		}
		s.run.States = procedure.NewStates[ID, *folder](keep)
	}
	s.whole = s.run
	s.whole.Replay = s.replayWhole
	return s, nil
}

// replay is the Runner's Replay: the history folded without its deadlines
// (the checks and guards of an act do not read them).
func (s *Service) replay(id ID, recs []Record) (*folder, error) {
	f, err := foldHistory(recs, s.pol)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	f.v.ID = id
	return f, nil
}

// replayWhole is replay with the deadlines computed (view): a history
// whose deadlines cannot be computed fails, as it does in Replay.
func (s *Service) replayWhole(id ID, recs []Record) (*folder, error) {
	f, err := s.replay(id, recs)
	if err != nil {
		return nil, err
	}
	if _, err := s.view(f); err != nil {
		return nil, err
	}
	return f, nil
}

// fold is the Runner's Fold: recs folded onto prev, which was folded from
// the history before them, and the deadlines computed on the result, once
// (view keeps them for index and for the View the act returns), so that
// an act whose history would have no deadlines fails before it is written.
func (s *Service) fold(id ID, prev *folder, recs []Record) (*folder, error) {
	if err := prev.more(recs); err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	if _, err := s.view(prev); err != nil {
		return nil, err
	}
	return prev, nil
}

// view returns the View of f with its deadlines, computed on the Service's
// calendar the first time only: f keeps it until more records are folded.
func (s *Service) view(f *folder) (View, error) {
	if f.fin == nil {
		v, err := f.finished(s.cal)
		if err != nil {
			return View{}, fmt.Errorf("%s: %w", f.v.ID, err)
		}
		f.fin = &v
	}
	return *f.fin, nil
}

// index is the Runner's Index: the index of the View with its deadlines
// (view). The Runner indexes only states whose deadlines were computed
// (by fold or replayWhole); were they not computable, the index would
// lack the due date.
func (s *Service) index(f *folder) Index {
	v, err := s.view(f)
	if err != nil {
		return f.v.Index()
	}
	return v.Index()
}

// Policy returns a copy of the policy the Service applies (DefaultPolicy
// if it was configured with the zero Policy).
func (s *Service) Policy() Policy { return s.pol.clone() }

// Calendar returns the calendar the Service computes deadlines on.
func (s *Service) Calendar() *deadline.Calendar { return s.cal }

// Directory returns the office directory the Service routes with.
func (s *Service) Directory() *office.Directory { return s.dir }

// Store returns the Service's store.
func (s *Service) Store() Store { return s.run.Store }

// maxIDLength is the longest complaint ID, in bytes.
const maxIDLength = 128

func validID(id ID) error {
	if id == "" || len(id) > maxIDLength {
		return invalid("id must have 1 to %d bytes", maxIDLength)
	}
	for _, r := range string(id) {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return invalid("id %q has a space or control character", id)
		}
	}
	return nil
}

// check is the Runner's check: the act's row in the Lifecycle (state and
// role), then the rule that an office acts only on its own complaints. It
// returns the act's basis.
// cur is nil for the act that opens a complaint (File).
func (s *Service) check(cur *folder, act EventType, by office.Actor) (law.Citation, error) {
	state := Incoming
	if cur != nil && cur.v.State != "" {
		state = cur.v.State
	}
	if _, err := table().Check(state, act, by.Role); err != nil {
		return law.Citation{}, err
	}
	if state != Incoming {
		if err := officeMay(by, cur.v); err != nil {
			return law.Citation{}, err
		}
	}
	row, _ := table().Row(act)
	return row.Basis, nil
}

// officeMay refuses an office acting on a complaint assigned elsewhere.
func officeMay(a office.Actor, v View) error {
	if a.Role == office.CompetentOffice && (v.Office == "" || a.Office != v.Office) {
		return procedure.Forbid(basisURP, "office %q acts on a complaint assigned to %q", a.Office, v.Office)
	}
	return nil
}

// do performs an act on an existing complaint through the Runner: the
// chronology of the day of the fact, then the act's own guard and payload.
// build is given the View before the act, without its deadlines (no
// guard reads them), and must not change it: it is the folded state, which
// the Runner folds the act's record onto. The returned View, with its
// deadlines, has its master resolved.
func (s *Service) do(ctx context.Context, a Act, typ EventType, build func(v *View, st *step) (Payload, error)) (View, error) {
	f, err := s.run.Do(ctx, a, typ, func(cur *folder, st *step) (Event, error) {
		v := cur.v
		if err := chronology(v, typ, st.On); err != nil {
			return Event{}, err
		}
		p, err := build(&v, st)
		if err != nil {
			return Event{}, err
		}
		return NewEvent(p)
	})
	if err != nil {
		return View{}, err
	}
	v, err := s.view(f) // computed by fold
	if err != nil {
		return View{}, err
	}
	// The act is done; a master that cannot be read leaves Master nil.
	_ = s.resolveMaster(ctx, &v)
	return v, nil
}

// chronology checks the day of an act against the complaint: not before it
// was received and, unless the act records a fact coming from outside that
// may be entered late (backdatable), not before the last act recorded.
func chronology(v View, typ EventType, on deadline.Date) error {
	if on.Before(v.Received) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the complaint was received (%s)", typ, on, v.Received)
	}
	if backdatable(typ) {
		return nil
	}
	if last := v.lastDay(); on.Before(last) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the last recorded act (%s)", typ, on, last)
	}
	return nil
}

// backdatable reports whether an act records a fact coming from outside
// whose day may precede acts recorded meanwhile; each has its own anchor,
// checked by its guard.
func backdatable(t EventType) bool { return t == EventCitizenReplied || t == EventReopened }

// lastDay is the latest day of the fact of the acts recorded.
func (v View) lastDay() deadline.Date {
	var last deadline.Date
	for _, e := range v.History {
		if e.Date.After(last) {
			last = e.Date
		}
	}
	return last
}

// internalOffice returns the office with that ID if it belongs to the
// administration.
func (s *Service) internalOffice(id office.ID) (office.Office, error) {
	o, err := s.dir.Office(id)
	if err != nil {
		return office.Office{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if o.External {
		return office.Office{}, ruleErr(basisConcession, "%s is outside the administration: use ForwardOutside", id)
	}
	return o, nil
}

// SuggestOffices proposes offices of the administration for a complaint,
// best first: the category's default office, then the offices competent
// for the category's matter, then the directory's suggestions from the
// summary and the citizen's description. It only proposes: Assign decides.
func (s *Service) SuggestOffices(ctx context.Context, id ID) ([]office.Suggestion, error) {
	f, err := s.read(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.suggest(f.v), nil
}

func (s *Service) suggest(v View) []office.Suggestion {
	var out []office.Suggestion
	seen := map[office.ID]int{}
	add := func(o office.Office, score int, reason string) {
		if o.External {
			return
		}
		if i, ok := seen[o.ID]; ok {
			out[i].Score += score
			out[i].Reasons = append(out[i].Reasons, reason)
			return
		}
		seen[o.ID] = len(out)
		out = append(out, office.Suggestion{Office: o, Score: score, Reasons: []string{reason}})
	}
	if oid, ok := s.pol.Taxonomy.Office(v.Category); ok {
		if o, err := s.dir.Office(oid); err == nil {
			add(o, 100, "categoria: "+s.pol.Taxonomy.Label(v.Category))
		}
	}
	matter, _ := s.pol.Taxonomy.Matter(v.Category)
	for _, sg := range s.dir.Suggest(v.Summary+" "+v.Description+" "+v.CategoryLabel, matter) {
		add(sg.Office, sg.Score, strings.Join(sg.Reasons, ", "))
	}
	slices.SortStableFunc(out, func(a, b office.Suggestion) int { return b.Score - a.Score })
	return out
}

// read reads a complaint and folds its history, without the deadlines:
// for what needs its state, office, classification, place or people.
func (s *Service) read(ctx context.Context, id ID) (*folder, error) {
	f, _, err := s.run.Get(ctx, id)
	return f, err
}

// load reads and replays a complaint, with its deadlines, without
// resolving its master.
func (s *Service) load(ctx context.Context, id ID) (View, error) {
	f, err := s.read(ctx, id)
	if err != nil {
		return View{}, err
	}
	return s.view(f)
}

// Get returns the View of a complaint; for a merged duplicate, with its
// master's standing in View.Master. A chain of mergers that cannot be
// followed to its root (a loop, a missing master: histories no Service
// writes) leaves Master nil: Get does not fail for it.
func (s *Service) Get(ctx context.Context, id ID) (View, error) {
	v, err := s.load(ctx, id)
	if err != nil {
		return View{}, err
	}
	if err := s.resolveMaster(ctx, &v); err != nil {
		return View{}, err
	}
	return v, nil
}

// Permitted returns the acts actor may perform now on the complaint, in
// Lifecycle order: what a user interface shows as buttons. An office sees
// no act on a complaint assigned elsewhere. An actor every act would refuse
// (no ID, or the zero or an undeclared role) may perform nothing: Permitted
// returns no act and an error wrapping ErrInvalid, as the acts do.
func (s *Service) Permitted(ctx context.Context, id ID, actor office.Actor) ([]EventType, error) {
	if err := (Act{ID: id, By: actor}).Check(false); err != nil {
		return nil, err
	}
	f, err := s.read(ctx, id)
	if err != nil {
		return nil, err
	}
	if officeMay(actor, f.v) != nil {
		return nil, nil
	}
	return Permitted(f.v.State, actor.Role), nil
}

// Verify checks the stored history of a complaint against its stored head
// (every record's hash, every link, nothing missing, nothing cut short: a
// *history.BrokenError wrapping ErrBroken names the first bad record), and
// that it replays under the Lifecycle (ErrInvalid otherwise). It returns nil
// for an intact history.
func (s *Service) Verify(ctx context.Context, id ID) error {
	if err := s.run.Verify(ctx, id); err != nil {
		return err
	}
	_, err := s.load(ctx, id)
	return err
}

// Reindex replays every complaint of the store and rewrites the index of
// those whose stored index differs (after a calendar correction or a change
// of policy moved a due date or a category's tags): it returns how many it
// read and how many it rewrote.
func (s *Service) Reindex(ctx context.Context) (read, rewritten int, err error) {
	return s.whole.Reindex(ctx)
}

// Reminders returns the reminders of a complaint on today, with the
// Policy's threshold (Policy.Soon days ahead).
func (s *Service) Reminders(ctx context.Context, id ID, today deadline.Date) ([]Reminder, error) {
	v, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.Reminders(today, s.pol.Soon), nil
}

// Worklist lists the complaints whose answer is due by today plus
// Policy.Soon days, overdue ones first (ordered by due date, then ID),
// one page at a time: pass the previous Page's Next as cursor. The query
// visits only the due days in range.
func (s *Service) Worklist(ctx context.Context, today deadline.Date, cursor string) (Page, error) {
	return s.run.Store.List(ctx, Query{DueTo: today.AddDays(s.pol.Soon), Cursor: cursor})
}

// List passes q to the store: complaints by kind, state, office, channel,
// tags, received or due dates. Query{DueTo: today} lists what is overdue or
// due today, oldest due first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) { return s.run.Store.List(ctx, q) }

// chainError reports whether err means a chain of mergers cannot be
// followed (a loop, a chain too long, a master that does not exist or does
// not replay), as opposed to a store or context failure.
func chainError(err error) bool {
	return errors.Is(err, ErrInvalid) || errors.Is(err, ErrNotFound)
}
