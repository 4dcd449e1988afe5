package open311

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/puntodiascolto/ascolto/complaint"
)

// extendedStatuses maps the statuses real back-ends send beyond open and
// closed onto the two of the specification (StandardStatus).
var extendedStatuses = map[string]string{
	"open": StatusOpen, "investigating": StatusOpen, "in_progress": StatusOpen,
	"action_scheduled": StatusOpen, "confirmed": StatusOpen, "acknowledged": StatusOpen,
	"reopened": StatusOpen, "assigned": StatusOpen,
	"closed": StatusClosed, "fixed": StatusClosed, "resolved": StatusClosed,
	"duplicate": StatusClosed, "not_councils_responsibility": StatusClosed,
	"no_further_action": StatusClosed, "unable_to_fix": StatusClosed,
	"internal_referral": StatusClosed, "work_complete": StatusClosed,
}

// StandardStatus maps a status as a back-end writes it onto StatusOpen or
// StatusClosed, folding case and reading ' ' and '-' as '_'. Besides open
// and closed it knows the extended statuses FixMyStreet and other
// back-ends send:
//
//	open:   investigating, in_progress, action_scheduled, confirmed,
//	        acknowledged, reopened, assigned
//	closed: fixed, resolved, duplicate, not_councils_responsibility,
//	        no_further_action, unable_to_fix, internal_referral,
//	        work_complete
//
// It returns false for any other status.
func StandardStatus(s string) (string, bool) {
	key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	st, ok := extendedStatuses[key]
	return st, ok
}

// RecordError is one record of a document a decoder could not read: its
// position (from 0), its identifier if it had one, and what was wrong.
type RecordError struct {
	// Index is the record's position in the document, from 0.
	Index int
	// ID is the record's service_request_id, if it could be read.
	ID RequestID
	// Err says what was wrong; it wraps complaint.ErrInvalid.
	Err error
}

// Error implements error.
func (e RecordError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("record %d (service_request_id %q): %v", e.Index, truncate(string(e.ID), 40), e.Err)
	}
	return fmt.Sprintf("record %d: %v", e.Index, e.Err)
}

// Unwrap returns the record's error.
func (e RecordError) Unwrap() error { return e.Err }

// RecordErrors lists the records a decoder skipped, while it returned the
// others: one bad record does not reject a whole list. It wraps
// complaint.ErrInvalid; test for it with errors.As.
type RecordErrors []RecordError

// Error implements error.
func (es RecordErrors) Error() string {
	parts := make([]string, 0, min(len(es), 3))
	for i, e := range es {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(es)-3))
			break
		}
		parts = append(parts, e.Error())
	}
	return fmt.Sprintf("open311: %d records skipped: %s", len(es), strings.Join(parts, "; "))
}

// Unwrap returns complaint.ErrInvalid and each record's error.
func (es RecordErrors) Unwrap() []error {
	out := []error{complaint.ErrInvalid}
	for _, e := range es {
		out = append(out, e)
	}
	return out
}

// UnmarshalJSON reads a request leniently: service_request_id,
// service_code, address_id and zipcode given as strings or numbers,
// coordinates as numbers or strings. Check the result with the decoders,
// which also map extended statuses.
func (sr *Request) UnmarshalJSON(b []byte) error {
	type plain Request
	var raw struct {
		plain
		ServiceCode lenientString `json:"service_code"`
		AddressID   lenientString `json:"address_id"`
		Zipcode     lenientString `json:"zipcode"`
		Status      lenientString `json:"status"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*sr = Request(raw.plain)
	sr.ServiceCode, sr.AddressID, sr.Zipcode, sr.Status = string(raw.ServiceCode), string(raw.AddressID), string(raw.Zipcode), string(raw.Status)
	return nil
}

// DecodeRequestsJSON reads the JSON array of GET requests (a single object
// is accepted too). A record that cannot be read (a field of the wrong
// type, a status StandardStatus does not know, only one of lat and long, no
// service_request_id or status) is skipped: the others are returned with
// RecordErrors listing the skipped ones. A document that is not a JSON
// array or object fails as a whole. Callers reading from a network limit
// the size first (http.MaxBytesReader). Errors wrap complaint.ErrInvalid.
func DecodeRequestsJSON(r io.Reader) ([]Request, error) {
	var raws []json.RawMessage
	if err := decodeArray(r, &raws); err != nil {
		return nil, err
	}
	out := make([]Request, 0, len(raws))
	var bad RecordErrors
	for i, raw := range raws {
		var sr Request
		if err := json.Unmarshal(raw, &sr); err != nil {
			var probe struct {
				ID lenientString `json:"service_request_id"`
			}
			_ = json.Unmarshal(raw, &probe)
			bad = append(bad, RecordError{Index: i, ID: RequestID(probe.ID), Err: fmt.Errorf("%w: %v", complaint.ErrInvalid, jsonProblem(err))})
			continue
		}
		if err := sr.check(); err != nil {
			bad = append(bad, RecordError{Index: i, ID: sr.ServiceRequestID, Err: err})
			continue
		}
		out = append(out, sr)
	}
	if len(bad) > 0 {
		return out, bad
	}
	return out, nil
}

// jsonProblem describes a JSON type error by its field, not its value.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "field " + te.Field + " has the wrong type"
	}
	if errors.Is(err, complaint.ErrInvalid) {
		return strings.TrimPrefix(strings.TrimPrefix(err.Error(), complaint.ErrInvalid.Error()), ": ")
	}
	return "malformed record"
}

// DecodeRequestsXML reads the <service_requests> document of GET requests,
// skipping the records that cannot be read as DecodeRequestsJSON does. A
// document that is not well-formed XML fails as a whole. Errors wrap
// complaint.ErrInvalid.
func DecodeRequestsXML(r io.Reader) ([]Request, error) {
	var doc struct {
		XMLName  xml.Name `xml:"service_requests"`
		Requests []struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"request"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	out := make([]Request, 0, len(doc.Requests))
	var bad RecordErrors
	for i, raw := range doc.Requests {
		var sr Request
		in := append(append([]byte("<request>"), raw.Inner...), "</request>"...)
		if err := xml.Unmarshal(in, &sr); err != nil {
			bad = append(bad, RecordError{Index: i, ID: sr.ServiceRequestID, Err: fmt.Errorf("%w: malformed record", complaint.ErrInvalid)})
			continue
		}
		if err := sr.check(); err != nil {
			bad = append(bad, RecordError{Index: i, ID: sr.ServiceRequestID, Err: err})
			continue
		}
		out = append(out, sr)
	}
	if len(bad) > 0 {
		return out, bad
	}
	return out, nil
}

// check validates and normalises what a decoder read: an identifier, a
// status mapped by StandardStatus (the original kept in
// ExtendedStatus), coordinates together and in range.
func (sr *Request) check() error {
	sr.XMLName = xml.Name{}
	sr.ServiceRequestID = RequestID(strings.TrimSpace(string(sr.ServiceRequestID)))
	if sr.ServiceRequestID == "" {
		return invalid("no service_request_id")
	}
	if strings.TrimSpace(sr.Status) == "" {
		return invalid("no status")
	}
	st, ok := StandardStatus(sr.Status)
	if !ok {
		return invalid("unknown status %q", truncate(sr.Status, 30))
	}
	if st != sr.Status {
		sr.Status, sr.ExtendedStatus = st, sr.Status
	}
	if (sr.Lat == nil) != (sr.Long == nil) {
		return invalid("lat and long go together")
	}
	if sr.Lat != nil && !(complaint.Point{Lat: float64(*sr.Lat), Lon: float64(*sr.Long)}).Valid() {
		return invalid("lat/long out of range")
	}
	return nil
}

// UnmarshalJSON reads a POST service request sent as JSON leniently:
// service_code, address_id, account_id, device_id, phone and attribute
// values given as strings or numbers.
func (p *PostRequest) UnmarshalJSON(b []byte) error {
	type plain PostRequest
	var raw struct {
		plain
		ServiceCode lenientString            `json:"service_code"`
		AddressID   lenientString            `json:"address_id"`
		AccountID   lenientString            `json:"account_id"`
		DeviceID    lenientString            `json:"device_id"`
		Phone       lenientString            `json:"phone"`
		Attributes  map[string]lenientString `json:"attributes"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = PostRequest(raw.plain)
	p.ServiceCode, p.AddressID, p.AccountID = string(raw.ServiceCode), string(raw.AddressID), string(raw.AccountID)
	p.DeviceID, p.Phone = string(raw.DeviceID), string(raw.Phone)
	p.Attributes = nil
	for k, v := range raw.Attributes {
		if p.Attributes == nil {
			p.Attributes = map[string]string{}
		}
		p.Attributes[k] = string(v)
	}
	return nil
}
