package register

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

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
// given kinds (all if none), in order of receipt then ID, streaming from
// the store.
func (s Source) Entries(ctx context.Context, p Period, o Options, kinds ...access.Kind) iter.Seq2[Entry, error] {
	if o.Directory == nil {
		o.Directory = s.Directory
	}
	return Entries(s.Requests(ctx, p.Query(kinds...)), o)
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
// (all if none), from views already in memory, in the register's stable
// order: by receipt date, then protocol number, then ID.
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

func compareEntries(a, b Entry) int {
	if c := a.Filed.Compare(b.Filed); c != 0 {
		return c
	}
	if a.Protocol != b.Protocol {
		if a.Protocol < b.Protocol {
			return -1
		}
		return 1
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
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
