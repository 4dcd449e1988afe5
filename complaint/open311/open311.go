package open311

import (
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

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

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

// Request is a service request as GET requests and GET request return it:
// the public representation of a complaint (Codec.Request), or a report
// read from another system (Codec.Import).
type Request struct {
	// XMLName is the element name, <request>; it is not part of the JSON.
	XMLName xml.Name `json:"-" xml:"request"`
	// ServiceRequestID identifies the request (the complaint's ID).
	ServiceRequestID RequestID `json:"service_request_id" xml:"service_request_id"`
	// Status is StatusOpen or StatusClosed.
	Status string `json:"status" xml:"status"`
	// StatusNotes explain the status in Italian: state, merger, outcome,
	// the office's answer summary, the reason for closing.
	StatusNotes string `json:"status_notes,omitempty" xml:"status_notes,omitempty"`
	// ServiceName is the label of the category (or of the kind).
	ServiceName string `json:"service_name,omitempty" xml:"service_name,omitempty"`
	// ServiceCode is the category code (or the kind, if unclassified).
	ServiceCode string `json:"service_code" xml:"service_code"`
	// Description is the office's own summary when published; in an
	// imported request, the citizen's text.
	Description string `json:"description,omitempty" xml:"description,omitempty"`
	// AgencyResponsible is the name of the office in charge.
	AgencyResponsible string `json:"agency_responsible,omitempty" xml:"agency_responsible,omitempty"`
	// ServiceNotice tells the citizen when the answer is due.
	ServiceNotice string `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	// RequestedDatetime is when the complaint was received.
	RequestedDatetime *Datetime `json:"requested_datetime,omitempty" xml:"requested_datetime,omitempty"`
	// UpdatedDatetime is when the complaint last changed.
	UpdatedDatetime *Datetime `json:"updated_datetime,omitempty" xml:"updated_datetime,omitempty"`
	// ExpectedDatetime is the end of the answer's due day in Rome.
	ExpectedDatetime *Datetime `json:"expected_datetime,omitempty" xml:"expected_datetime,omitempty"`
	// Address is the street and civic number of the problem only.
	Address string `json:"address,omitempty" xml:"address,omitempty"`
	// AddressID is the address code (toponomastica).
	AddressID string `json:"address_id,omitempty" xml:"address_id,omitempty"`
	// Zipcode is the postal code (CAP).
	Zipcode string `json:"zipcode,omitempty" xml:"zipcode,omitempty"`
	// Lat is the latitude, published rounded to 4 decimals.
	Lat *Coord `json:"lat,omitempty" xml:"lat,omitempty"`
	// Long is the longitude, published rounded to 4 decimals.
	Long *Coord `json:"long,omitempty" xml:"long,omitempty"`
	// MediaURL links a photo; never published from a complaint, read
	// from imported requests.
	MediaURL string `json:"media_url,omitempty" xml:"media_url,omitempty"`
	// ExtendedStatus is the status as another system wrote it when it
	// was one of the extended statuses mapped onto Status
	// ("in_progress"); empty otherwise. It is not written.
	ExtendedStatus string `json:"-" xml:"-"`
}

// Open311 statuses: a complaint is closed once answered or closed (Phase
// "Chiusa"); a merged duplicate has its master's status.
const (
	// StatusOpen is a request still being handled.
	StatusOpen = "open"
	// StatusClosed is a request answered or closed.
	StatusClosed = "closed"
)

type xmlRequests struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []Request `xml:"request"`
}

// EncodeRequestsJSON writes requests as the JSON array of GET requests.
func EncodeRequestsJSON(w io.Writer, requests []Request) error {
	if requests == nil {
		requests = []Request{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(requests)
}

// EncodeRequestsXML writes requests as the <service_requests> document of
// GET requests, with the UTF-8 declaration the specification asks for.
func EncodeRequestsXML(w io.Writer, requests []Request) error {
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

// PostRequest is the body of POST service request: the report as an
// Open311 client sends it, usually form-encoded.
type PostRequest struct {
	// JurisdictionID names the administration the report is for.
	JurisdictionID string `json:"jurisdiction_id,omitempty"`
	// ServiceCode is the category code (required).
	ServiceCode string `json:"service_code"`
	// Lat is the latitude of the problem, with Long.
	Lat *Coord `json:"lat,omitempty"`
	// Long is the longitude of the problem, with Lat.
	Long *Coord `json:"long,omitempty"`
	// AddressString is the address as the citizen wrote it.
	AddressString string `json:"address_string,omitempty"`
	// AddressID is the address code (toponomastica).
	AddressID string `json:"address_id,omitempty"`
	// Email is the reporter's e-mail (personal).
	Email string `json:"email,omitempty"`
	// DeviceID identifies the reporter's device (personal).
	DeviceID string `json:"device_id,omitempty"`
	// AccountID identifies the reporter in the client (personal).
	AccountID string `json:"account_id,omitempty"`
	// FirstName is the reporter's first name (personal).
	FirstName string `json:"first_name,omitempty"`
	// LastName is the reporter's last name (personal).
	LastName string `json:"last_name,omitempty"`
	// Phone is the reporter's telephone number (personal).
	Phone string `json:"phone,omitempty"`
	// Description is the citizen's own text, at most 4,000 characters.
	Description string `json:"description,omitempty"`
	// MediaURL links the citizen's photo.
	MediaURL string `json:"media_url,omitempty"`
	// Attributes are the attribute[code]=value pairs of services with
	// metadata; the code "municipio" sets the Municipio.
	Attributes map[string]string `json:"attributes,omitempty"`
}

// ParsePostRequest reads a form-encoded POST service request. Repeated keys
// keep their first value, except attributes, whose values are joined with
// commas (a multivaluelist, also read from attribute[code][]); unknown keys
// are ignored, as clients add their own (api_key). Errors wrap
// complaint.ErrInvalid.
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
				return PostRequest{}, fieldErr(c.key, "is not a decimal number")
			}
			*c.dst = &v
		}
	}
	p.Attributes = attributesOf(form)
	return p, p.Validate()
}

// attributesOf reads attribute[code]=value, and the values of a
// multivaluelist sent as attribute[code][]=a&attribute[code][]=b or as a
// repeated attribute[code], joined with commas.
func attributesOf(form url.Values) map[string]string {
	var out map[string]string
	for k, vs := range form {
		code, ok := strings.CutPrefix(k, "attribute[")
		if !ok {
			continue
		}
		code, _ = strings.CutSuffix(code, "[]")
		code, ok = strings.CutSuffix(code, "]")
		if !ok || code == "" {
			continue
		}
		var vals []string
		if prev := out[code]; prev != "" {
			vals = append(vals, prev)
		}
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				vals = append(vals, v)
			}
		}
		if out == nil {
			out = map[string]string{}
		}
		out[code] = strings.Join(vals, ",")
	}
	return out
}

// DecodePostJSON reads a POST service request sent as a JSON object.
// Errors wrap complaint.ErrInvalid.
func DecodePostJSON(r io.Reader) (PostRequest, error) {
	var p PostRequest
	if err := json.NewDecoder(r).Decode(&p); err != nil {
		return PostRequest{}, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
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
// description is at most 4,000 characters. Errors wrap
// complaint.ErrInvalid.
func (p PostRequest) Validate() error {
	if p.ServiceCode == "" {
		return fieldErr("service_code", "is required")
	}
	if (p.Lat == nil) != (p.Long == nil) {
		return fieldErr("lat", "and long go together")
	}
	if p.Lat == nil && p.AddressString == "" && p.AddressID == "" {
		return fieldErr("lat", "a location is required: lat and long, address_string or address_id")
	}
	if p.Lat != nil && !(complaint.Point{Lat: float64(*p.Lat), Lon: float64(*p.Long)}).Valid() {
		return fieldErr("lat", "lat/long out of range")
	}
	if n := len([]rune(p.Description)); n > 4000 {
		return fieldErr("description", fmt.Sprintf("has %d characters, more than 4000", n))
	}
	return nil
}

// Service is one entry of GET services: a category citizens can report
// on.
type Service struct {
	// XMLName is the element name, <service>; it is not part of the JSON.
	XMLName xml.Name `json:"-" xml:"service"`
	// ServiceCode is the category code.
	ServiceCode string `json:"service_code" xml:"service_code"`
	// ServiceName is the category's label.
	ServiceName string `json:"service_name" xml:"service_name"`
	// Description explains the category to citizens.
	Description string `json:"description,omitempty" xml:"description,omitempty"`
	// Metadata tells whether the service has attributes to fill in.
	Metadata bool `json:"metadata" xml:"metadata"`
	// Type is "realtime", "batch" or "blackbox".
	Type string `json:"type" xml:"type"`
	// Keywords are comma-separated words suggesting the category.
	Keywords string `json:"keywords,omitempty" xml:"keywords,omitempty"`
	// Group is the label of the parent category.
	Group string `json:"group,omitempty" xml:"group,omitempty"`
}

// Codec converts complaints to and from Open311 GeoReport v2, with the
// administration's taxonomy (service codes are category codes) and
// directory (agency names). For returns one configured like a
// complaint.Service.
type Codec struct {
	// Jurisdiction, if set, is the only jurisdiction_id accepted.
	Jurisdiction string
	// Taxonomy maps service codes to categories.
	Taxonomy *complaint.Taxonomy
	// Directory names the agency responsible.
	Directory *office.Directory
	// Kind is the kind of complaints filed through Open311; empty means
	// Segnalazione.
	Kind complaint.Kind
	// Attributes are the questions the administration asks, by category
	// code; a category asks its own and its ancestors' (Definition). Their
	// answers are kept as the complaint's attributes, personal data never
	// published.
	Attributes map[string][]Attribute
}

// For returns the Codec of svc: its taxonomy and directory, for reports
// (Segnalazione).
func For(svc *complaint.Service) Codec {
	return Codec{Taxonomy: svc.Policy().Taxonomy, Directory: svc.Directory(), Kind: complaint.Segnalazione}
}

// Services returns GET services: one realtime service per category, with
// its parent's label as group and metadata true when it asks attributes.
func (o Codec) Services() []Service {
	var out []Service
	for _, c := range o.Taxonomy.Categories() {
		d := Service{ServiceCode: c.Code, ServiceName: c.Label, Description: c.Description, Type: "realtime", Keywords: strings.Join(c.Keywords, ",")}
		if c.Parent != "" {
			d.Group = o.Taxonomy.Label(c.Parent)
		}
		d.Metadata = len(o.attributes(c.Code)) > 0
		out = append(out, d)
	}
	return out
}

// Filing turns a POST service request into a complaint.Filed for
// complaint.Service.File: the channel is Online, the category the
// service_code (which must be in the taxonomy), personal data go to the
// Person. Errors wrap complaint.ErrInvalid.
func (o Codec) Filing(p PostRequest) (complaint.Filed, error) {
	if err := p.Validate(); err != nil {
		return complaint.Filed{}, err
	}
	if o.Jurisdiction != "" && p.JurisdictionID != "" && p.JurisdictionID != o.Jurisdiction {
		return complaint.Filed{}, fieldErr("jurisdiction_id", "is not served here")
	}
	if !o.Taxonomy.Has(p.ServiceCode) {
		return complaint.Filed{}, &FieldError{Field: "service_code", Problem: "is not a service of this endpoint", Err: ErrUnknownService}
	}
	f := complaint.Filed{
		Kind:        o.kind(),
		Channel:     complaint.Online,
		Category:    p.ServiceCode,
		Place:       complaint.Place{Address: p.AddressString, AddressID: p.AddressID},
		Person:      complaint.Person{FirstName: p.FirstName, LastName: p.LastName, Email: p.Email, Phone: p.Phone, AccountID: p.AccountID, DeviceID: p.DeviceID},
		Description: p.Description,
	}
	if p.Lat != nil {
		f.Place.Point = &complaint.Point{Lat: float64(*p.Lat), Lon: float64(*p.Long)}
	}
	if m := p.Attributes["municipio"]; m != "" {
		mu, err := complaint.ParseMunicipio(m)
		if err != nil {
			return complaint.Filed{}, err
		}
		f.Place.Municipio = mu
	}
	if p.MediaURL != "" {
		f.Media = []string{p.MediaURL}
	}
	as, err := o.answers(p.ServiceCode, p.Attributes)
	if err != nil {
		return complaint.Filed{}, err
	}
	f.Attributes = as
	return f, nil
}

// Import turns a service request read from another system into a
// complaint.Filed: a new complaint registered here, with the other
// system's identifier as ExternalRef and its requested_datetime as receipt. Its status and history
// are not imported. The description, written by the citizen, is kept as
// such (personal). Errors wrap complaint.ErrInvalid.
func (o Codec) Import(sr Request) (complaint.Filed, error) {
	if err := sr.check(); err != nil {
		return complaint.Filed{}, err
	}
	if !o.Taxonomy.Has(sr.ServiceCode) {
		return complaint.Filed{}, invalid("open311: unknown service_code %q", truncate(sr.ServiceCode, 40))
	}
	f := complaint.Filed{
		Kind:        o.kind(),
		Channel:     complaint.Online,
		Category:    sr.ServiceCode,
		Place:       complaint.Place{Address: sr.Address, AddressID: sr.AddressID, ZIP: sr.Zipcode},
		Description: sr.Description,
		ExternalRef: string(sr.ServiceRequestID),
	}
	if sr.RequestedDatetime != nil {
		f.Received = sr.RequestedDatetime.Time
	}
	if sr.Lat != nil {
		f.Place.Point = &complaint.Point{Lat: float64(*sr.Lat), Lon: float64(*sr.Long)}
	}
	if sr.MediaURL != "" {
		f.Media = []string{sr.MediaURL}
	}
	return f, nil
}

func (o Codec) kind() complaint.Kind {
	if o.Kind == "" {
		return complaint.Segnalazione
	}
	return o.Kind
}

// Request returns the public GET representation of a complaint. It carries
// no personal data: description is the office's own summary, and the
// reporter, the citizen's text, the media and the 060606 ticket are left
// out; address is the street and civic number only and lat/long are
// rounded to 4 decimals (complaint.View.PublicPlace), the exact place
// staying in the View for the office. service_code is the category (the kind, if
// unclassified); status is closed once the complaint is answered or closed,
// or its master is; expected_datetime is the end of the answer's due day in
// Rome, and service_notice explains it in Italian.
func (o Codec) Request(v complaint.View) Request {
	place := v.PublicPlace()
	sr := Request{
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
	if v.State == complaint.Merged && v.Master != nil {
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
	if v.State == complaint.Merged && v.Master != nil {
		state = v.Master.State
	}
	if state.Phase() == complaint.PhaseClosed {
		sr.Status = StatusClosed
	}
	var notes []string
	notes = append(notes, "Stato: "+v.State.Italian())
	if v.State == complaint.Merged {
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
	if pub.CloseReason != "" && pub.CloseReason != complaint.ClosedAnswered {
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

// File files a POST service request with svc as a new complaint under a
// (its actor is usually office.External: the gateway records what the
// citizen sent; an empty a.ID lets the Service assign one), converting it
// with For(svc), and returns the POST response, with the answer term as
// notice and the client's own account_id, and the View. Errors wrap complaint.ErrInvalid when the request
// is not valid, or are those of complaint.Service.File.
func File(ctx context.Context, svc *complaint.Service, a complaint.Act, p PostRequest) (PostResponse, complaint.View, error) {
	return For(svc).File(ctx, svc, a, p)
}

// File is the package's File with o's conversion (its attributes and
// jurisdiction) instead of For(svc)'s.
func (o Codec) File(ctx context.Context, svc *complaint.Service, a complaint.Act, p PostRequest) (PostResponse, complaint.View, error) {
	f, err := o.Filing(p)
	if err != nil {
		return PostResponse{}, complaint.View{}, err
	}
	v, err := svc.File(ctx, a, f)
	if err != nil {
		return PostResponse{}, complaint.View{}, err
	}
	resp := PostResponse{ServiceRequestID: RequestID(v.ID), AccountID: p.AccountID}
	if due := v.Due(); !due.IsZero() {
		resp.ServiceNotice = "Segnalazione registrata; risposta prevista entro il " + due.Italian()
	}
	return resp, v, nil
}

// invalid returns an error wrapping complaint.ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", complaint.ErrInvalid, fmt.Sprintf(format, args...))
}

// truncate shortens s to n runes for an error message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
