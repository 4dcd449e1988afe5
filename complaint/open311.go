package complaint

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) is the civic-report
// API of FixMyStreet, SeeClickFix and many cities. This file converts
// complaints to and from its service requests, so existing clients can file
// reports and existing tools can read them:
//
//   - a POST service request (PostRequest) becomes a Filed: service_code is
//     a Taxonomy category code; lat/long, address_string, address_id give
//     the Place; email, first_name, last_name, phone, account_id, device_id
//     go to the Person and nowhere else; description and media_url are
//     kept as the citizen's own (personal) text and links;
//   - a View becomes the public GET representation (ServiceRequest): the
//     category, the office's own summary as description, the place of the
//     problem as View.PublicPlace gives it (the street and civic number
//     only, lat/long rounded to 4 decimals, about 10 m), the responsible
//     office, the dates and the answer term. It never carries the
//     reporter's data, the citizen's text or media, nor the address as
//     written (interno, scala, "c/o" and names) or the exact position;
//   - a ServiceRequest read from another system can be imported as a new
//     complaint (Import).
//
// Open311 has two statuses: "open" and "closed". A complaint is closed once
// answered or closed (Phase "Chiusa"); a merged duplicate has its master's
// status. Datetimes are written in UTC ("2026-10-02T08:00:00Z") and read in
// any W3C form with a zone.

// Datetime is an Open311 date and time: W3C ISO 8601 with a zone.
type Datetime struct {
	// Time is the instant.
	Time time.Time
}

// MarshalText writes the instant in UTC to the second.
func (d Datetime) MarshalText() ([]byte, error) {
	return []byte(d.Time.UTC().Truncate(time.Second).Format(time.RFC3339)), nil
}

// MarshalJSON writes the instant as a JSON string, like MarshalText.
func (d Datetime) MarshalJSON() ([]byte, error) {
	b, _ := d.MarshalText()
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a JSON string as UnmarshalText does.
func (d *Datetime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return invalid("open311: a datetime is a string")
	}
	return d.UnmarshalText([]byte(s))
}

// UnmarshalText reads "2026-10-02T10:00:00+02:00", "...Z", with or without
// fractions, or with a zone written "+0200". A datetime without zone is
// refused, as the specification requires one.
func (d *Datetime) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time = t.UTC()
			return nil
		}
	}
	return invalid("open311: datetime %q is not W3C ISO 8601 with a zone", truncate(s, 40))
}

func newDatetime(t time.Time) *Datetime {
	if t.IsZero() {
		return nil
	}
	return &Datetime{t.UTC().Truncate(time.Second)}
}

// Coord is a WGS84 coordinate in degrees. It is written as a JSON number
// and read from a number or a string, as servers differ.
type Coord float64

// MarshalJSON writes the coordinate as a number.
func (c Coord) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(c)) || math.IsInf(float64(c), 0) {
		return nil, invalid("open311: coordinate is not finite")
	}
	return []byte(strconv.FormatFloat(float64(c), 'f', -1, 64)), nil
}

// UnmarshalJSON reads a number or a string holding one.
func (c *Coord) UnmarshalJSON(b []byte) error {
	if s, err := strconv.Unquote(string(b)); err == nil {
		b = []byte(s)
	}
	return c.UnmarshalText(b)
}

// MarshalText writes the coordinate as decimal text (XML, forms).
func (c Coord) MarshalText() ([]byte, error) {
	if math.IsNaN(float64(c)) || math.IsInf(float64(c), 0) {
		return nil, invalid("open311: coordinate is not finite")
	}
	return []byte(strconv.FormatFloat(float64(c), 'f', -1, 64)), nil
}

// UnmarshalText reads decimal text.
func (c *Coord) UnmarshalText(b []byte) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return invalid("open311: %q is not a coordinate", truncate(string(b), 40))
	}
	*c = Coord(f)
	return nil
}

// RequestID is an Open311 identifier, read from a JSON string or number.
type RequestID string

// UnmarshalJSON reads a string or a number.
func (r *RequestID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*r = RequestID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return invalid("open311: service_request_id must be a string or a number")
	}
	*r = RequestID(n.String())
	return nil
}

// ServiceRequest is a service request as GET requests and GET request
// return it.
type ServiceRequest struct {
	XMLName           xml.Name  `json:"-" xml:"request"`
	ServiceRequestID  RequestID `json:"service_request_id" xml:"service_request_id"`
	Status            string    `json:"status" xml:"status"`
	StatusNotes       string    `json:"status_notes,omitempty" xml:"status_notes,omitempty"`
	ServiceName       string    `json:"service_name,omitempty" xml:"service_name,omitempty"`
	ServiceCode       string    `json:"service_code" xml:"service_code"`
	Description       string    `json:"description,omitempty" xml:"description,omitempty"`
	AgencyResponsible string    `json:"agency_responsible,omitempty" xml:"agency_responsible,omitempty"`
	ServiceNotice     string    `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	RequestedDatetime *Datetime `json:"requested_datetime,omitempty" xml:"requested_datetime,omitempty"`
	UpdatedDatetime   *Datetime `json:"updated_datetime,omitempty" xml:"updated_datetime,omitempty"`
	ExpectedDatetime  *Datetime `json:"expected_datetime,omitempty" xml:"expected_datetime,omitempty"`
	Address           string    `json:"address,omitempty" xml:"address,omitempty"`
	AddressID         string    `json:"address_id,omitempty" xml:"address_id,omitempty"`
	Zipcode           string    `json:"zipcode,omitempty" xml:"zipcode,omitempty"`
	Lat               *Coord    `json:"lat,omitempty" xml:"lat,omitempty"`
	Long              *Coord    `json:"long,omitempty" xml:"long,omitempty"`
	MediaURL          string    `json:"media_url,omitempty" xml:"media_url,omitempty"`
}

// Open311 statuses.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

type xmlRequests struct {
	XMLName  xml.Name         `xml:"service_requests"`
	Requests []ServiceRequest `xml:"request"`
}

// EncodeRequestsJSON writes requests as the JSON array of GET requests.
func EncodeRequestsJSON(w io.Writer, requests []ServiceRequest) error {
	if requests == nil {
		requests = []ServiceRequest{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(requests)
}

// EncodeRequestsXML writes requests as the <service_requests> document of
// GET requests, with the UTF-8 declaration the specification asks for.
func EncodeRequestsXML(w io.Writer, requests []ServiceRequest) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	if err := enc.Encode(xmlRequests{Requests: requests}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// DecodeRequestsJSON reads the JSON array of GET requests (a single object
// is accepted too). Callers reading from a network limit the size first
// (http.MaxBytesReader). Errors wrap ErrInvalid.
func DecodeRequestsJSON(r io.Reader) ([]ServiceRequest, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	var out []ServiceRequest
	if len(data) > 0 && data[0] == '{' {
		var one ServiceRequest
		if err := json.Unmarshal(data, &one); err != nil {
			return nil, fmt.Errorf("%w: open311: %v", ErrInvalid, err)
		}
		out = []ServiceRequest{one}
	} else if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", ErrInvalid, err)
	}
	for i := range out {
		if err := out[i].check(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DecodeRequestsXML reads the <service_requests> document of GET requests.
// Errors wrap ErrInvalid.
func DecodeRequestsXML(r io.Reader) ([]ServiceRequest, error) {
	var doc xmlRequests
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", ErrInvalid, err)
	}
	for i := range doc.Requests {
		doc.Requests[i].XMLName = xml.Name{}
		if err := doc.Requests[i].check(); err != nil {
			return nil, err
		}
	}
	return doc.Requests, nil
}

// check validates what a decoder read: a known status, and coordinates in
// range.
func (sr *ServiceRequest) check() error {
	sr.XMLName = xml.Name{}
	switch sr.Status {
	case StatusOpen, StatusClosed, "":
	default:
		return invalid("open311: unknown status %q", truncate(sr.Status, 20))
	}
	if (sr.Lat == nil) != (sr.Long == nil) {
		return invalid("open311: lat and long go together")
	}
	if sr.Lat != nil && !(Point{Lat: float64(*sr.Lat), Lon: float64(*sr.Long)}).Valid() {
		return invalid("open311: lat/long out of range")
	}
	return nil
}

// PostRequest is the body of POST service request: the report as an
// Open311 client sends it, usually form-encoded.
type PostRequest struct {
	JurisdictionID string `json:"jurisdiction_id,omitempty"`
	ServiceCode    string `json:"service_code"`
	Lat            *Coord `json:"lat,omitempty"`
	Long           *Coord `json:"long,omitempty"`
	AddressString  string `json:"address_string,omitempty"`
	AddressID      string `json:"address_id,omitempty"`
	Email          string `json:"email,omitempty"`
	DeviceID       string `json:"device_id,omitempty"`
	AccountID      string `json:"account_id,omitempty"`
	FirstName      string `json:"first_name,omitempty"`
	LastName       string `json:"last_name,omitempty"`
	Phone          string `json:"phone,omitempty"`
	Description    string `json:"description,omitempty"`
	MediaURL       string `json:"media_url,omitempty"`
	// Attributes are the attribute[code]=value pairs of services with
	// metadata; the code "municipio" sets the Municipio.
	Attributes map[string]string `json:"attributes,omitempty"`
}

// ParsePostRequest reads a form-encoded POST service request. Repeated keys
// keep their first value; unknown keys are ignored, as clients add their
// own (api_key). Errors wrap ErrInvalid.
func ParsePostRequest(form url.Values) (PostRequest, error) {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	p := PostRequest{
		JurisdictionID: get("jurisdiction_id"),
		ServiceCode:    get("service_code"),
		AddressString:  get("address_string"),
		AddressID:      get("address_id"),
		Email:          get("email"),
		DeviceID:       get("device_id"),
		AccountID:      get("account_id"),
		FirstName:      get("first_name"),
		LastName:       get("last_name"),
		Phone:          get("phone"),
		Description:    get("description"),
		MediaURL:       get("media_url"),
	}
	for _, c := range []struct {
		key string
		dst **Coord
	}{{"lat", &p.Lat}, {"long", &p.Long}} {
		if s := get(c.key); s != "" {
			var v Coord
			if err := v.UnmarshalText([]byte(s)); err != nil {
				return PostRequest{}, err
			}
			*c.dst = &v
		}
	}
	for k := range form {
		if code, ok := strings.CutPrefix(k, "attribute["); ok && strings.HasSuffix(code, "]") {
			if p.Attributes == nil {
				p.Attributes = map[string]string{}
			}
			p.Attributes[strings.TrimSuffix(code, "]")] = strings.TrimSpace(form.Get(k))
		}
	}
	return p, p.Validate()
}

// DecodePostJSON reads a POST service request sent as a JSON object.
// Errors wrap ErrInvalid.
func DecodePostJSON(r io.Reader) (PostRequest, error) {
	var p PostRequest
	if err := json.NewDecoder(r).Decode(&p); err != nil {
		return PostRequest{}, fmt.Errorf("%w: open311: %v", ErrInvalid, err)
	}
	return p, p.Validate()
}

// Values encodes p as the form a client posts.
func (p PostRequest) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("jurisdiction_id", p.JurisdictionID)
	set("service_code", p.ServiceCode)
	if p.Lat != nil {
		set("lat", strconv.FormatFloat(float64(*p.Lat), 'f', -1, 64))
	}
	if p.Long != nil {
		set("long", strconv.FormatFloat(float64(*p.Long), 'f', -1, 64))
	}
	set("address_string", p.AddressString)
	set("address_id", p.AddressID)
	set("email", p.Email)
	set("device_id", p.DeviceID)
	set("account_id", p.AccountID)
	set("first_name", p.FirstName)
	set("last_name", p.LastName)
	set("phone", p.Phone)
	set("description", p.Description)
	set("media_url", p.MediaURL)
	for k, a := range p.Attributes {
		set("attribute["+k+"]", a)
	}
	return v
}

// Validate checks what the specification requires: a service_code, and a
// location (lat and long together, address_string or address_id); the
// description is at most 4,000 characters. Errors wrap ErrInvalid.
func (p PostRequest) Validate() error {
	if p.ServiceCode == "" {
		return invalid("open311: service_code is required")
	}
	if (p.Lat == nil) != (p.Long == nil) {
		return invalid("open311: lat and long go together")
	}
	if p.Lat == nil && p.AddressString == "" && p.AddressID == "" {
		return invalid("open311: a location is required: lat and long, address_string or address_id")
	}
	if p.Lat != nil && !(Point{Lat: float64(*p.Lat), Lon: float64(*p.Long)}).Valid() {
		return invalid("open311: lat/long out of range")
	}
	if n := len([]rune(p.Description)); n > 4000 {
		return invalid("open311: description has %d characters, more than 4000", n)
	}
	return nil
}

// PostResponse is what POST service request answers: the new identifier
// and a notice for the citizen.
type PostResponse struct {
	XMLName          xml.Name  `json:"-" xml:"request"`
	ServiceRequestID RequestID `json:"service_request_id" xml:"service_request_id"`
	ServiceNotice    string    `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
}

// ServiceDefinition is one entry of GET services: a category citizens can
// report on.
type ServiceDefinition struct {
	XMLName     xml.Name `json:"-" xml:"service"`
	ServiceCode string   `json:"service_code" xml:"service_code"`
	ServiceName string   `json:"service_name" xml:"service_name"`
	Description string   `json:"description,omitempty" xml:"description,omitempty"`
	Metadata    bool     `json:"metadata" xml:"metadata"`
	Type        string   `json:"type" xml:"type"`
	Keywords    string   `json:"keywords,omitempty" xml:"keywords,omitempty"`
	Group       string   `json:"group,omitempty" xml:"group,omitempty"`
}

// Open311 converts complaints to and from Open311 GeoReport v2, with the
// administration's taxonomy (service codes are category codes) and
// directory (agency names). Service.Open311 returns one configured like the
// Service.
type Open311 struct {
	// Jurisdiction, if set, is the only jurisdiction_id accepted.
	Jurisdiction string
	// Taxonomy maps service codes to categories.
	Taxonomy *Taxonomy
	// Directory names the agency responsible.
	Directory *office.Directory
	// Kind is the kind of complaints filed through Open311; empty means
	// Segnalazione.
	Kind Kind
}

// Open311 returns the Open311 converter of s: its taxonomy and directory,
// for reports (Segnalazione).
func (s *Service) Open311() Open311 {
	return Open311{Taxonomy: s.pol.Taxonomy, Directory: s.dir, Kind: Segnalazione}
}

// Services returns GET services: one realtime service per category, with
// its parent's label as group.
func (o Open311) Services() []ServiceDefinition {
	var out []ServiceDefinition
	for _, c := range o.Taxonomy.Categories() {
		d := ServiceDefinition{ServiceCode: c.Code, ServiceName: c.Label, Description: c.Description, Type: "realtime", Keywords: strings.Join(c.Keywords, ",")}
		if c.Parent != "" {
			d.Group = o.Taxonomy.Label(c.Parent)
		}
		out = append(out, d)
	}
	return out
}

// Filing turns a POST service request into a Filed for Service.File: the
// channel is Online, the category the service_code (which must be in the
// taxonomy), personal data go to the Person. Errors wrap ErrInvalid.
func (o Open311) Filing(p PostRequest) (Filed, error) {
	if err := p.Validate(); err != nil {
		return Filed{}, err
	}
	if o.Jurisdiction != "" && p.JurisdictionID != "" && p.JurisdictionID != o.Jurisdiction {
		return Filed{}, invalid("open311: jurisdiction %q is not served here", truncate(p.JurisdictionID, 40))
	}
	if !o.Taxonomy.Has(p.ServiceCode) {
		return Filed{}, invalid("open311: unknown service_code %q", truncate(p.ServiceCode, 40))
	}
	f := Filed{
		Kind:        o.kind(),
		Channel:     Online,
		Category:    p.ServiceCode,
		Place:       Place{Address: p.AddressString, AddressID: p.AddressID},
		Person:      Person{FirstName: p.FirstName, LastName: p.LastName, Email: p.Email, Phone: p.Phone, AccountID: p.AccountID, DeviceID: p.DeviceID},
		Description: p.Description,
	}
	if p.Lat != nil {
		f.Place.Point = &Point{Lat: float64(*p.Lat), Lon: float64(*p.Long)}
	}
	if m := p.Attributes["municipio"]; m != "" {
		mu, err := ParseMunicipio(m)
		if err != nil {
			return Filed{}, err
		}
		f.Place.Municipio = mu
	}
	if p.MediaURL != "" {
		f.Media = []string{p.MediaURL}
	}
	return f, nil
}

// Import turns a service request read from another system into a Filed:
// a new complaint registered here, with the other system's identifier as
// ExternalRef and its requested_datetime as receipt. Its status and history
// are not imported. The description, written by the citizen, is kept as
// such (personal). Errors wrap ErrInvalid.
func (o Open311) Import(sr ServiceRequest) (Filed, error) {
	if err := sr.check(); err != nil {
		return Filed{}, err
	}
	if !o.Taxonomy.Has(sr.ServiceCode) {
		return Filed{}, invalid("open311: unknown service_code %q", truncate(sr.ServiceCode, 40))
	}
	f := Filed{
		Kind:        o.kind(),
		Channel:     Online,
		Category:    sr.ServiceCode,
		Place:       Place{Address: sr.Address, AddressID: sr.AddressID, ZIP: sr.Zipcode},
		Description: sr.Description,
		ExternalRef: string(sr.ServiceRequestID),
	}
	if sr.RequestedDatetime != nil {
		f.Received = sr.RequestedDatetime.Time
	}
	if sr.Lat != nil {
		f.Place.Point = &Point{Lat: float64(*sr.Lat), Lon: float64(*sr.Long)}
	}
	if sr.MediaURL != "" {
		f.Media = []string{sr.MediaURL}
	}
	return f, nil
}

func (o Open311) kind() Kind {
	if o.Kind == "" {
		return Segnalazione
	}
	return o.Kind
}

// Request returns the public GET representation of a complaint. It carries
// no personal data: description is the office's own summary, and the
// reporter, the citizen's text, the media and the 060606 ticket are left
// out; address is the street and civic number only and lat/long are
// rounded to 4 decimals (View.PublicPlace), the exact place staying in the
// View for the office. service_code is the category (the kind, if
// unclassified); status is closed once the complaint is answered or closed,
// or its master is; expected_datetime is the end of the answer's due day in
// Rome, and service_notice explains it in Italian.
func (o Open311) Request(v View) ServiceRequest {
	place := v.PublicPlace()
	sr := ServiceRequest{
		ServiceRequestID:  RequestID(v.ID),
		Status:            StatusOpen,
		ServiceCode:       v.Category,
		ServiceName:       v.CategoryLabel,
		Description:       v.Summary,
		RequestedDatetime: newDatetime(v.ReceivedAt),
		UpdatedDatetime:   newDatetime(v.Updated),
		Address:           place.Address,
		AddressID:         place.AddressID,
		Zipcode:           place.ZIP,
	}
	if sr.ServiceCode == "" {
		sr.ServiceCode, sr.ServiceName = string(v.Kind), v.Kind.Italian()
	}
	if pt := place.Point; pt != nil {
		lat, lon := Coord(pt.Lat), Coord(pt.Lon)
		sr.Lat, sr.Long = &lat, &lon
	}
	agency := v.Responsible()
	if v.State == Merged && v.Master != nil {
		agency = v.Master.Office
	}
	if id := agency; id != "" {
		sr.AgencyResponsible = string(id)
		if o.Directory != nil {
			if off, err := o.Directory.Office(id); err == nil {
				sr.AgencyResponsible = off.Name
			}
		}
	}
	pub := v.Public()
	state := v.State
	if v.State == Merged && v.Master != nil {
		state = v.Master.State
	}
	if state.Phase() == PhaseClosed {
		sr.Status = StatusClosed
	}
	var notes []string
	notes = append(notes, "Stato: "+v.State.Italian())
	if v.State == Merged {
		notes = append(notes, "accorpata alla segnalazione "+string(v.MergedInto))
		if v.Master != nil {
			notes = append(notes, "segnalazione principale "+v.Master.State.Italian())
		}
	}
	if pub.Outcome != "" {
		notes = append(notes, "esito: "+pub.Outcome.Italian())
	}
	if pub.AnswerSummary != "" {
		notes = append(notes, pub.AnswerSummary)
	}
	if pub.CloseReason != "" && pub.CloseReason != ClosedAnswered {
		notes = append(notes, "chiusa: "+pub.CloseReason.Italian())
	}
	sr.StatusNotes = strings.Join(notes, "; ")
	if due := v.Due(); !due.IsZero() {
		sr.ExpectedDatetime = newDatetime(endOfDay(due))
		sr.ServiceNotice = "Risposta prevista entro il " + due.Italian()
	}
	return sr
}

// endOfDay returns the last second of d in Rome, computed with
// deadline.DateOf alone so that no zone database is needed: Rome is one or
// two hours ahead of UTC.
func endOfDay(d deadline.Date) time.Time {
	next := d.AddDays(1).Time(time.UTC)
	for _, off := range []time.Duration{2 * time.Hour, time.Hour} {
		if t := next.Add(-off); deadline.DateOf(t) == d.AddDays(1) && deadline.DateOf(t.Add(-time.Second)) == d {
			return t.Add(-time.Second)
		}
	}
	return next.Add(-time.Hour - time.Second)
}

// FileOpen311 files a POST service request as a new complaint (role
// External: the gateway records what the citizen sent) and returns the
// POST response with the answer term as notice, and the View.
func (s *Service) FileOpen311(ctx context.Context, actor office.Actor, p PostRequest) (PostResponse, View, error) {
	f, err := s.Open311().Filing(p)
	if err != nil {
		return PostResponse{}, View{}, err
	}
	v, err := s.File(ctx, actor, "", f)
	if err != nil {
		return PostResponse{}, View{}, err
	}
	resp := PostResponse{ServiceRequestID: RequestID(v.ID)}
	if due := v.Due(); !due.IsZero() {
		resp.ServiceNotice = "Segnalazione registrata; risposta prevista entro il " + due.Italian()
	}
	return resp, v, nil
}

// truncate shortens s to n runes for an error message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
