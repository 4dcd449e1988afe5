package open311

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
)

// Limits of GET requests.
const (
	// MaxWindow is the longest span between start_date and end_date, and
	// the window listed when neither is given (the last 90 days).
	MaxWindow = 90 * 24 * time.Hour
	// MaxResults is the most requests GET requests returns: the most
	// recent ones.
	MaxResults = 1000
	// MaxIDs is the most identifiers a service_request_id filter may list.
	MaxIDs = 100
)

// filter is what GET requests asks for.
type filter struct {
	ids        []complaint.ID
	codes      []string
	statuses   []string
	start, end time.Time
}

// parseFilter reads the query of GET requests. service_request_id (a comma
// list) overrides every other filter, as the specification says;
// service_code and status may be comma lists too.
func (h *Handler) parseFilter(r *http.Request) (filter, error) {
	q := r.URL.Query()
	var f filter
	if err := h.jurisdiction(r); err != nil {
		return f, err
	}
	if ids := commaList(q.Get("service_request_id")); len(ids) > 0 {
		if len(ids) > MaxIDs {
			return f, fieldErr("service_request_id", "lists more than 100 identifiers")
		}
		for _, id := range ids {
			f.ids = append(f.ids, complaint.ID(id))
		}
		return f, nil
	}
	f.codes = commaList(q.Get("service_code"))
	for _, c := range f.codes {
		if !h.codec.Taxonomy.Has(c) {
			return f, &FieldError{Field: "service_code", Problem: "is not a service of this endpoint", Err: ErrUnknownService}
		}
	}
	for _, s := range commaList(q.Get("status")) {
		if s != StatusOpen && s != StatusClosed {
			return f, fieldErr("status", "is neither open nor closed")
		}
		f.statuses = append(f.statuses, s)
	}
	return f, h.window(&f, q.Get("start_date"), q.Get("end_date"))
}

// window sets the span of received times: the last MaxWindow by default,
// MaxWindow after start_date or before end_date when only one is given,
// never longer than MaxWindow.
func (h *Handler) window(f *filter, start, end string) error {
	for _, c := range []struct {
		field, text string
		dst         *time.Time
	}{{"start_date", start, &f.start}, {"end_date", end, &f.end}} {
		if strings.TrimSpace(c.text) == "" {
			continue
		}
		var d Datetime
		if d.UnmarshalText([]byte(c.text)) != nil {
			return fieldErr(c.field, "is not a W3C datetime with a zone")
		}
		*c.dst = d.Time
	}
	switch {
	case f.start.IsZero() && f.end.IsZero():
		f.end = h.now()
		f.start = f.end.Add(-MaxWindow)
	case f.end.IsZero():
		f.end = f.start.Add(MaxWindow)
	case f.start.IsZero():
		f.start = f.end.Add(-MaxWindow)
	}
	if f.end.Before(f.start) {
		return fieldErr("end_date", "is before start_date")
	}
	if f.end.Sub(f.start) > MaxWindow {
		return fieldErr("end_date", "is more than 90 days after start_date")
	}
	return nil
}

func commaList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// list answers GET requests.
func (h *Handler) list(ctx context.Context, r *http.Request) ([]Request, error) {
	f, err := h.parseFilter(r)
	if err != nil {
		return nil, err
	}
	if len(f.ids) > 0 {
		var out []Request
		for _, id := range f.ids {
			sr, err := h.request(ctx, id)
			if errors.Is(err, complaint.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out = append(out, sr)
		}
		return out, nil
	}
	out, err := h.scan(ctx, f)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Request) int {
		if c := b.RequestedDatetime.Time.Compare(a.RequestedDatetime.Time); c != 0 {
			return c
		}
		return cmp.Compare(b.ServiceRequestID, a.ServiceRequestID)
	})
	return out[:min(len(out), MaxResults)], nil
}

// scan lists the complaints of the Codec's kind received on the civil days
// of the window (narrowed by the category's tag when one service_code is
// asked), and keeps those whose receipt, service code and status match.
func (h *Handler) scan(ctx context.Context, f filter) ([]Request, error) {
	q := complaint.Query{
		Kinds:        []string{string(h.codec.kind())},
		ReceivedFrom: deadline.DateOf(f.start),
		ReceivedTo:   deadline.DateOf(f.end),
		Limit:        history.MaxLimit,
	}
	if len(f.codes) == 1 {
		q.Tags = []string{"category:" + f.codes[0]}
	}
	var out []Request
	for {
		page, err := h.svc.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			v, err := h.svc.Get(ctx, it.ID)
			if errors.Is(err, complaint.ErrNotFound) {
				continue // removed meanwhile
			}
			if err != nil {
				return nil, err
			}
			if v.ReceivedAt.Before(f.start) || v.ReceivedAt.After(f.end) || (len(f.codes) > 0 && !slices.Contains(f.codes, v.Category)) {
				continue
			}
			sr := h.codec.Request(v)
			if len(f.statuses) == 0 || slices.Contains(f.statuses, sr.Status) {
				out = append(out, sr)
			}
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}
