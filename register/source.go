package register

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
)

// Source reads access requests from a store and replays their histories:
// the register and the monitoring are built from the histories, never typed
// in twice.
type Source struct {
	// Store holds the access histories; required.
	Store access.Store
	// Calendar replays them and is required: it must be the calendar of the
	// access Service that wrote the histories (deadlines are derived, not
	// stored), so the register shows the due dates the Service computed.
	// There is no default, as there is none in access.Config.
	Calendar *deadline.Calendar
	// Policy must be the access Service's; zero means
	// access.DefaultPolicy(), the Service's own default.
	Policy access.Policy
	// Directory names the offices in the register; optional.
	Directory *office.Directory
}

// Requests yields the replayed requests q selects, in the store's order
// ((Received, ID), or (Due, ID) with a due range), one page at a time: at
// most one page of summaries and one history are held at once, whatever the
// number of requests. It stops at the first error, which it yields.
func (s Source) Requests(ctx context.Context, q access.Query) iter.Seq2[*access.Request, error] {
	return func(yield func(*access.Request, error) bool) {
		if s.Store == nil {
			yield(nil, errors.New("register: Source needs a Store"))
			return
		}
		if s.Calendar == nil {
			yield(nil, fmt.Errorf("%w: register: Source needs the Calendar of the access Service", history.ErrInvalid))
			return
		}
		cal := s.Calendar
		q.Limit = history.MaxLimit
		for {
			p, err := s.Store.List(ctx, q)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range p.Items {
				st, err := s.Store.Load(ctx, it.ID, 0)
				if err != nil {
					yield(nil, err)
					return
				}
				r, err := access.ReplayStream(st, cal, s.Policy)
				if !yield(r, err) || err != nil {
					return
				}
			}
			if p.Next == "" {
				return
			}
			q.Cursor = p.Next
		}
	}
}

// Query returns the store query for the requests received in p, of the
// given kinds (all kinds if none): the rows of the register of p. It is not
// what a Report of p reads: see ReportQuery.
func (p Period) Query(kinds ...access.Kind) access.Query {
	q := access.Query{ReceivedFrom: p.From, ReceivedTo: p.To}
	for _, k := range kinds {
		q.Kinds = append(q.Kinds, string(k))
	}
	return q
}

// ReportQuery returns the store query for what a Report of p reads (Input):
// everything received up to p's last day, of the given kinds (all kinds if
// none). A request received before p may be decided, withdrawn or still
// pending in p, and the previous period beside p is computed from the same
// input: a query of p alone (Query) would miss them. access.Query,
// complaint.Query, petition.Query and council.Query are the same type, so
// the query also selects the complaints, petitions and council acts of the
// report from their stores.
func (p Period) ReportQuery(kinds ...access.Kind) access.Query {
	q := access.Query{ReceivedTo: p.To}
	for _, k := range kinds {
		q.Kinds = append(q.Kinds, string(k))
	}
	return q
}

// Entries yields the register rows of the requests received in p, of the
// given kinds (all if none), streaming from the store, in the register's
// order (see ProtocolOrder): by receipt date, then protocol number. The
// store lists requests by (Received, ID); the rows of one day of receipt
// are held and sorted before they are yielded, so memory grows with the
// busiest day, not with the period, and the file does not depend on the
// IDs the store gave the requests.
func (s Source) Entries(ctx context.Context, p Period, o Options, kinds ...access.Kind) iter.Seq2[Entry, error] {
	if o.Directory == nil {
		o.Directory = s.Directory
	}
	return ProtocolOrder(Entries(s.Requests(ctx, p.Query(kinds...)), o))
}

// ErrOrder is yielded by ProtocolOrder for rows that do not come in order of
// receipt.
var ErrOrder = errors.New("register: rows not in order of receipt")

// ProtocolOrder yields rows, which must come in order of receipt (Filed),
// in the register's order: within each day of receipt, by protocol number
// then by the head of their history (compareEntries), never by the store's
// ID. It holds one day's rows at a time. A row received before the one it
// follows stops the iteration with ErrOrder.
func ProtocolOrder(rows iter.Seq2[Entry, error]) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		var day []Entry
		flush := func() bool {
			slices.SortStableFunc(day, compareEntries)
			for _, e := range day {
				if !yield(e, nil) {
					return false
				}
			}
			day = day[:0]
			return true
		}
		for e, err := range rows {
			if err != nil {
				yield(Entry{}, err)
				return
			}
			if len(day) > 0 && e.Filed != day[0].Filed {
				if e.Filed.Before(day[0].Filed) {
					yield(Entry{}, fmt.Errorf("%w: %s after %s", ErrOrder, e.Filed, day[0].Filed))
					return
				}
				if !flush() {
					return
				}
			}
			day = append(day, e)
		}
		flush()
	}
}

// Entries maps requests to their register rows, keeping their order.
func Entries(reqs iter.Seq2[*access.Request, error], o Options) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		for r, err := range reqs {
			if err != nil {
				yield(Entry{}, err)
				return
			}
			if !yield(EntryOf(r, o), nil) {
				return
			}
		}
	}
}

// Select returns the rows of the requests received in p, of the given kinds
// (all if none), from views already in memory, in the register's order:
// by receipt date, then protocol number (compareEntries), the order
// Source.Entries streams.
func Select(reqs []*access.Request, p Period, o Options, kinds ...access.Kind) []Entry {
	var out []Entry
	for _, r := range reqs {
		if p.Contains(r.Received) && (len(kinds) == 0 || slices.Contains(kinds, r.Kind)) {
			out = append(out, EntryOf(r, o))
		}
	}
	slices.SortStableFunc(out, compareEntries)
	return out
}

// compareEntries is the register's order: the protocol order of the
// requests (receipt date, then protocol number, CompareProtocol), then,
// for rows that share both, the head of their history (version, then hash),
// which depends on what the history holds and not on the ID the store gave
// it. The ID only separates rows built from identical histories, whose
// published bytes are the same whichever comes first.
func compareEntries(a, b Entry) int {
	return compareCase(a.Filed, a.Protocol, a.Head, a.ID, b.Filed, b.Protocol, b.Head, b.ID)
}

func compareCase(fa deadline.Date, pa string, ha history.Head, ia access.ID, fb deadline.Date, pb string, hb history.Head, ib access.ID) int {
	if c := fa.Compare(fb); c != 0 {
		return c
	}
	if c := CompareProtocol(pa, pb); c != 0 {
		return c
	}
	if c := cmp.Compare(ha.Version, hb.Version); c != 0 {
		return c
	}
	if c := bytes.Compare(ha.Hash[:], hb.Hash[:]); c != 0 {
		return c
	}
	return cmp.Compare(ia, ib)
}

// CompareProtocol orders protocol numbers as a protocol register lists
// them: runs of digits by their value ("RA/2026/9" before "RA/2026/10"),
// the rest byte by byte; numbers equal in value but written differently
// ("007", "7") are then ordered byte by byte, so the order is total. An
// empty number comes first.
func CompareProtocol(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		dx, dy := digits(x), digits(y)
		if dx > 0 && dy > 0 {
			nx, ny := strings.TrimLeft(x[:dx], "0"), strings.TrimLeft(y[:dy], "0")
			if c := cmp.Compare(len(nx), len(ny)); c != 0 {
				return c
			}
			if c := strings.Compare(nx, ny); c != 0 {
				return c
			}
			x, y = x[dx:], y[dy:]
			continue
		}
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		x, y = x[1:], y[1:]
	}
	if c := cmp.Compare(len(x), len(y)); c != 0 && (x == "" || y == "") {
		return c
	}
	return strings.Compare(a, b)
}

// digits returns the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// Seq adapts rows in memory to the writers' iterator.
func Seq(rows []Entry) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		for _, e := range rows {
			if !yield(e, nil) {
				return
			}
		}
	}
}
