package register

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/office"
)

// RowProjection names the register rows a RowKeeper keeps beside the
// access histories. Its suffix is the version of what a kept row holds: a
// release that changes EntryOf or the encoding changes it, and the rows
// kept by an earlier release are then built again from the histories.
const RowProjection = "register/access-row.v1"

// RowKeeper is an access store that keeps a derived value beside each
// history for the head it was built from: *sqlstore.Store[access.ID,
// access.Event] is one.
type RowKeeper interface {
	Projections(ctx context.Context, name string, q history.Query) (sqlstore.KeptPage[access.ID, access.Event], error)
	Project(ctx context.Context, name string, values ...sqlstore.Projection[access.ID]) error
}

// ErrNoKeeper is yielded by KeptEntries for a Source whose Store keeps no
// rows (see RowKeeper).
var ErrNoKeeper = errors.New("register: the Source's Store keeps no register rows")

// KeptEntries yields what Entries yields, byte for byte in every file, from
// the register rows the store keeps beside the histories: each row is
// built from its history (replayed, EntryOf) only when the store has none
// for the history's current head (never exported, or acted on since), and
// then kept (one write per page) for the next export. A register of a
// million requests exported again reads a million small rows in order of
// receipt, not a million histories, and memory stays flat: one page
// (sqlstore.MaxKeptPage rows) and one day of receipt at a time
// (ProtocolOrder).
//
// A kept row is EntryOf without Directory and Today and what applying them
// needs: the office's and the forwarding's IDs, named through o.Directory
// as the row is read, and the decision's due date, which makes an undecided
// request "silenzio-rigetto" or "mancata risposta nei termini" once
// o.Today is past it. The check at publication (Withheld) runs when the row
// is built, against every person the history knew then: a new act on the
// request changes its head, so its row is built again. It checks the
// office's ID there; the name o.Directory gives it as the row is read is
// the administration's own and is not checked again.
func (s Source) KeptEntries(ctx context.Context, p Period, o Options, kinds ...access.Kind) iter.Seq2[Entry, error] {
	if o.Directory == nil {
		o.Directory = s.Directory
	}
	return ProtocolOrder(s.kept(ctx, p.Query(kinds...), o))
}

// kept yields the rows q selects in the store's order (received, ID).
func (s Source) kept(ctx context.Context, q access.Query, o Options) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		keeper, ok := s.Store.(RowKeeper)
		switch {
		case !ok:
			yield(Entry{}, ErrNoKeeper)
			return
		case s.Calendar == nil:
			yield(Entry{}, fmt.Errorf("%w: register: Source needs the Calendar of the access Service", history.ErrInvalid))
			return
		}
		strs := make(map[string]string)
		for page, err := range s.pages(ctx, keeper, q) {
			if err != nil {
				yield(Entry{}, err)
				return
			}
			for _, k := range page {
				e, err := decodeRow(k.Body, k.Stream.ID, k.Stream.Head, o, strs)
				if !yield(e, err) || err != nil {
					return
				}
			}
		}
	}
}

// pages yields the pages of kept rows q selects, each row built and kept
// where it was missing. The next page is read (and built) while the caller
// writes the current one: the database and the writer work at once, and
// at most two pages are held.
func (s Source) pages(ctx context.Context, keeper RowKeeper, q access.Query) iter.Seq2[[]sqlstore.Kept[access.ID, access.Event], error] {
	type result struct {
		items []sqlstore.Kept[access.ID, access.Event]
		err   error
	}
	return func(yield func([]sqlstore.Kept[access.ID, access.Event], error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		next := make(chan result, 1)
		done := make(chan struct{})
		defer func() { cancel(); <-done }()
		go func() {
			defer close(done)
			defer close(next)
			q.Limit = sqlstore.MaxKeptPage
			for {
				page, err := keeper.Projections(ctx, RowProjection, q)
				if err == nil {
					err = s.build(ctx, keeper, page.Items)
				}
				select {
				case next <- result{page.Items, err}:
				case <-ctx.Done():
					return
				}
				if err != nil || page.Next == "" {
					return
				}
				q.Cursor = page.Next
			}
		}()
		for r := range next {
			if !yield(r.items, r.err) || r.err != nil {
				return
			}
		}
	}
}

// build replays the histories of items that came without a kept row,
// builds their rows and keeps them.
func (s Source) build(ctx context.Context, keeper RowKeeper, items []sqlstore.Kept[access.ID, access.Event]) error {
	var fresh []sqlstore.Projection[access.ID]
	for i := range items {
		k := &items[i]
		if k.Body != nil {
			continue
		}
		r, err := access.ReplayStream(k.Stream, s.Calendar, s.Policy)
		if err != nil {
			return err
		}
		k.Body = encodeRow(r)
		fresh = append(fresh, sqlstore.Projection[access.ID]{ID: k.Stream.ID, Head: k.Stream.Head, Body: k.Body})
	}
	return keeper.Project(ctx, RowProjection, fresh...)
}

// The encoding of a kept row: a format byte, then the fields in a fixed
// order, strings as a uvarint length and their bytes, dates as a uvarint
// (year<<9 | month<<5 | day, 0 for none), flags as one byte.
const rowFormat = 1

// Flags of a kept row.
const (
	rowInformal = 1 << iota
	rowCounterInterested
	rowReview
	rowOmbudsman
	rowAppeal
)

// encodeRow returns the kept row of r.
func encodeRow(r *access.Request) []byte {
	e := EntryOf(r, Options{})
	var forwardTo string
	if f := r.Forwarded; f != nil && f.Name == "" {
		forwardTo = string(f.To)
	}
	// EntryOf's silent cases, all but Today: no decision, not withdrawn,
	// transferred or closed, still open, with a decision due.
	var silentAfter deadline.Date
	if r.Decision == nil && r.State != access.StateWithdrawn && r.State != access.StateTransferred && r.Closed.IsZero() && !r.State.Terminal() {
		silentAfter = r.DecisionDue
	}
	flags := byte(0)
	for _, f := range []struct {
		on  bool
		bit byte
	}{{e.Informal, rowInformal}, {e.CounterInterested, rowCounterInterested}, {e.Review != nil, rowReview}, {e.Ombudsman != nil, rowOmbudsman}, {e.Appeal != nil, rowAppeal}} {
		if f.on {
			flags |= f.bit
		}
	}
	b := make([]byte, 0, 256)
	b = append(b, rowFormat, flags)
	b = appendStrings(b, string(e.Kind), e.Protocol, e.Subject, e.Office, e.Channel, e.Forwarded, forwardTo, e.Outcome, e.Reasons)
	b = appendDates(b, e.ProtocolDate, e.Filed, e.Decided, e.Closed, silentAfter)
	if v := e.Review; v != nil {
		b = appendDates(b, v.Filed, v.Decided)
		b = appendStrings(b, v.Outcome, v.Reasons)
	}
	if v := e.Ombudsman; v != nil {
		b = appendDates(b, v.Filed, v.Decided)
		b = appendStrings(b, v.Body, v.Outcome)
	}
	if v := e.Appeal; v != nil {
		b = appendDates(b, v.Filed, v.Communicated, v.Decided)
		b = appendStrings(b, v.Outcome)
	}
	b = binary.AppendUvarint(b, uint64(len(e.Withheld)))
	for _, w := range e.Withheld {
		b = appendStrings(b, w.Protocol, w.Column, w.Kind)
	}
	return b
}

func appendStrings(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func appendDates(b []byte, ds ...deadline.Date) []byte {
	for _, d := range ds {
		if d.IsZero() {
			b = append(b, 0)
			continue
		}
		y, m, dd := d.Date()
		b = binary.AppendUvarint(b, uint64(y)<<9|uint64(m)<<5|uint64(dd))
	}
	return b
}

// rowReader reads a kept row, remembering its first error. Texts that
// recur from row to row (kinds, channels, offices, outcomes, summaries)
// are shared through strs, up to maxShared of them: a register of a
// million rows allocates its labels once.
type rowReader struct {
	b    []byte
	err  error
	strs map[string]string
}

// maxShared bounds the texts a rowReader shares, so that memory stays
// flat whatever the texts.
const maxShared = 4096

func (r *rowReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rowReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errors.New("truncated"), nil
		return ""
	}
	b := r.b[:n]
	r.b = r.b[n:]
	if s, ok := r.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.strs) < maxShared && n <= 200 {
		r.strs[s] = s
	}
	return s
}

// unique reads a text that does not recur (a protocol number): never
// shared.
func (r *rowReader) unique() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errors.New("truncated"), nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *rowReader) date() deadline.Date {
	v := r.uvarint()
	if v == 0 {
		return deadline.Date{}
	}
	d, err := deadline.NewDate(int(v>>9), time.Month(v>>5&15), int(v&31))
	if err != nil && r.err == nil {
		r.err = err
	}
	return d
}

// decodeRow returns the register row kept in b for the request id at head,
// with o's directory and day applied as EntryOf applies them.
func decodeRow(b []byte, id access.ID, head history.Head, o Options, strs map[string]string) (Entry, error) {
	if len(b) < 2 || b[0] != rowFormat {
		return Entry{}, fmt.Errorf("register: kept row of %s: unknown format", id)
	}
	flags := b[1]
	r := rowReader{b: b[2:], strs: strs}
	e := Entry{ID: id, Head: head, Kind: access.Kind(r.str()), Informal: flags&rowInformal != 0, CounterInterested: flags&rowCounterInterested != 0}
	e.Protocol = r.unique()
	e.Subject, e.Office, e.Channel, e.Forwarded = r.str(), r.str(), r.str(), r.str()
	forwardTo := r.str()
	e.Outcome, e.Reasons = r.str(), r.str()
	e.ProtocolDate, e.Filed, e.Decided, e.Closed = r.date(), r.date(), r.date(), r.date()
	silentAfter := r.date()
	if flags&rowReview != 0 {
		e.Review = &EntryReview{Filed: r.date(), Decided: r.date()}
		e.Review.Outcome, e.Review.Reasons = r.str(), r.str()
	}
	if flags&rowOmbudsman != 0 {
		e.Ombudsman = &EntryOmbudsman{Filed: r.date(), Decided: r.date()}
		e.Ombudsman.Body, e.Ombudsman.Outcome = r.str(), r.str()
	}
	if flags&rowAppeal != 0 {
		e.Appeal = &EntryAppeal{Filed: r.date(), Communicated: r.date(), Decided: r.date()}
		e.Appeal.Outcome = r.str()
	}
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.b)) {
		e.Withheld = make([]Withholding, n)
		for i := range e.Withheld {
			e.Withheld[i] = Withholding{ID: id, Protocol: r.str(), Column: r.str(), Kind: r.str()}
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return Entry{}, fmt.Errorf("register: kept row of %s: malformed (%v)", id, r.err)
	}
	applyOptions(&e, forwardTo, silentAfter, o)
	return e, nil
}

// applyOptions names the offices through o.Directory and, past the
// decision's due date, publishes an undecided request's silence, as
// EntryOf does with o.
func applyOptions(e *Entry, forwardTo string, silentAfter deadline.Date, o Options) {
	if e.Office != Withheld {
		e.Office = officeName(o.Directory, office.ID(e.Office))
	}
	if forwardTo != "" && e.Forwarded != Withheld {
		e.Forwarded = officeName(o.Directory, office.ID(forwardTo))
	}
	if !o.Today.IsZero() && !silentAfter.IsZero() && o.Today.After(silentAfter) {
		e.Outcome = "mancata risposta nei termini"
		if e.Kind == access.Documentale {
			e.Outcome = "silenzio-rigetto"
		}
	}
}
