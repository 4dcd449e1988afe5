package open311

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/complaint"
)

// FieldError is a refused input: which field of the request, and what is
// wrong with it. It never repeats the value, which may be personal, so its
// text can be sent back to the client (ErrorsFor). It wraps
// complaint.ErrInvalid.
type FieldError struct {
	// Field is the Open311 name of the field: "service_code", "lat",
	// "attribute[targa]".
	Field string
	// Problem says what is wrong, without the value.
	Problem string
	// Err, if set, classifies the problem further: ErrUnknownService.
	Err error
}

// Error implements error.
func (e *FieldError) Error() string { return "open311: " + e.Field + ": " + e.Problem }

// Unwrap returns complaint.ErrInvalid, and Err if set.
func (e *FieldError) Unwrap() []error {
	if e.Err != nil {
		return []error{complaint.ErrInvalid, e.Err}
	}
	return []error{complaint.ErrInvalid}
}

// ErrUnknownService is a service_code the endpoint does not serve. It
// wraps complaint.ErrNotFound: an endpoint answers 404 (ErrorsFor).
var ErrUnknownService = fmt.Errorf("%w: unknown service", complaint.ErrNotFound)

func fieldErr(field, problem string) error { return &FieldError{Field: field, Problem: problem} }

// PostResponse is what POST service request answers, and GET token too:
// the new identifier, or a token to ask for it later, a notice for the
// citizen and the client's account.
type PostResponse struct {
	// XMLName is the element name, <request>; it is not part of the JSON.
	XMLName xml.Name `json:"-" xml:"request"`
	// ServiceRequestID identifies the new complaint; empty while only a
	// token is known.
	ServiceRequestID RequestID `json:"service_request_id,omitempty" xml:"service_request_id,omitempty"`
	// Token stands for a request accepted but not yet filed (GET token).
	Token string `json:"token,omitempty" xml:"token,omitempty"`
	// ServiceNotice tells the citizen when the answer is due.
	ServiceNotice string `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	// AccountID is the account_id the client sent, returned to it alone.
	AccountID string `json:"account_id,omitempty" xml:"account_id,omitempty"`
}

// EncodePostResponsesJSON writes the JSON array POST service request and
// GET token answer with: clients read response[0].service_request_id.
func EncodePostResponsesJSON(w io.Writer, rs []PostResponse) error {
	if rs == nil {
		rs = []PostResponse{}
	}
	return encodeJSON(w, rs)
}

// EncodePostResponsesXML writes the <service_requests><request> document
// POST service request and GET token answer with.
func EncodePostResponsesXML(w io.Writer, rs []PostResponse) error {
	return encodeXML(w, struct {
		XMLName  xml.Name       `xml:"service_requests"`
		Requests []PostResponse `xml:"request"`
	}{Requests: rs})
}

// DecodePostResponsesJSON reads the answer of POST service request or GET
// token: a JSON array (or a single object), with identifiers and tokens
// given as strings or numbers. Errors wrap complaint.ErrInvalid.
func DecodePostResponsesJSON(r io.Reader) ([]PostResponse, error) {
	type raw struct {
		ServiceRequestID lenientString `json:"service_request_id"`
		Token            lenientString `json:"token"`
		ServiceNotice    string        `json:"service_notice"`
		AccountID        lenientString `json:"account_id"`
	}
	var list []raw
	if err := decodeArray(r, &list); err != nil {
		return nil, err
	}
	out := make([]PostResponse, len(list))
	for i, x := range list {
		out[i] = PostResponse{ServiceRequestID: RequestID(x.ServiceRequestID), Token: string(x.Token), ServiceNotice: x.ServiceNotice, AccountID: string(x.AccountID)}
		if out[i].ServiceRequestID == "" && out[i].Token == "" {
			return nil, invalid("open311: a response without service_request_id or token")
		}
	}
	return out, nil
}

// DecodePostResponsesXML reads the <service_requests> answer of POST
// service request or GET token. Errors wrap complaint.ErrInvalid.
func DecodePostResponsesXML(r io.Reader) ([]PostResponse, error) {
	var doc struct {
		XMLName  xml.Name       `xml:"service_requests"`
		Requests []PostResponse `xml:"request"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	for i := range doc.Requests {
		doc.Requests[i].XMLName = xml.Name{}
		if doc.Requests[i].ServiceRequestID == "" && doc.Requests[i].Token == "" {
			return nil, invalid("open311: a response without service_request_id or token")
		}
	}
	return doc.Requests, nil
}

// Error is one entry of the errors document an endpoint answers a refused
// request with: the HTTP status code and a description.
type Error struct {
	// XMLName is the element name, <error>; it is not part of the JSON.
	XMLName xml.Name `json:"-" xml:"error"`
	// Code is the HTTP status code.
	Code int `json:"code" xml:"code"`
	// Description says what was wrong, without the client's data.
	Description string `json:"description" xml:"description"`
}

// EncodeErrorsJSON writes the errors document as a JSON array.
func EncodeErrorsJSON(w io.Writer, errs []Error) error {
	if errs == nil {
		errs = []Error{}
	}
	return encodeJSON(w, errs)
}

// EncodeErrorsXML writes the <errors><error> document.
func EncodeErrorsXML(w io.Writer, errs []Error) error {
	return encodeXML(w, struct {
		XMLName xml.Name `xml:"errors"`
		Errors  []Error  `xml:"error"`
	}{Errors: errs})
}

// DecodeErrorsJSON reads an errors document sent as a JSON array (or one
// object), with codes given as numbers or strings. Errors wrap
// complaint.ErrInvalid.
func DecodeErrorsJSON(r io.Reader) ([]Error, error) {
	var list []struct {
		Code        lenientString `json:"code"`
		Description string        `json:"description"`
	}
	if err := decodeArray(r, &list); err != nil {
		return nil, err
	}
	out := make([]Error, len(list))
	for i, x := range list {
		n, err := strconv.Atoi(string(x.Code))
		if err != nil {
			return nil, invalid("open311: an error code is not a whole number")
		}
		out[i] = Error{Code: n, Description: x.Description}
	}
	return out, nil
}

// DecodeErrorsXML reads an <errors> document. Errors wrap
// complaint.ErrInvalid.
func DecodeErrorsXML(r io.Reader) ([]Error, error) {
	var doc struct {
		XMLName xml.Name `xml:"errors"`
		Errors  []Error  `xml:"error"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	for i := range doc.Errors {
		doc.Errors[i].XMLName = xml.Name{}
	}
	return doc.Errors, nil
}

// ErrorsFor maps an error of this package or of package complaint to the
// HTTP status and errors document an endpoint answers with. The
// description is a fixed text for each class of error, or a FieldError's
// field and problem: never the error's own text, which may quote what the
// client sent (a malformed e-mail address, a name).
//
//	ErrInvalid (a FieldError), ErrRule, ErrNotAllowed  400 Bad Request
//	ErrForbidden (a bad api_key)                       403 Forbidden
//	ErrNotFound (unknown request, token; a service     404 Not Found
//	  is ErrUnknownService)
//	ErrConflict, ErrExists                             409 Conflict
//	context cancelled or expired                       503 Service Unavailable
//	anything else                                      500 Internal Server Error
func ErrorsFor(err error) (int, []Error) {
	code, desc := http.StatusInternalServerError, "errore interno: riprovare più tardi"
	switch {
	case errors.Is(err, complaint.ErrForbidden):
		code, desc = http.StatusForbidden, "api_key mancante o non valida, o operazione non consentita"
	case errors.Is(err, complaint.ErrNotFound):
		code, desc = http.StatusNotFound, "richiesta, servizio o token sconosciuto"
	case errors.Is(err, complaint.ErrConflict), errors.Is(err, complaint.ErrExists):
		code, desc = http.StatusConflict, "la richiesta è cambiata nel frattempo: riprovare"
	case errors.Is(err, complaint.ErrInvalid), errors.Is(err, complaint.ErrRule), errors.Is(err, complaint.ErrNotAllowed):
		code, desc = http.StatusBadRequest, "dati della richiesta non validi"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		code, desc = http.StatusServiceUnavailable, "servizio momentaneamente non disponibile"
	}
	if fe := (*FieldError)(nil); errors.As(err, &fe) && code < 500 {
		desc = fe.Field + ": " + fe.Problem
	}
	return code, []Error{{Code: code, Description: desc}}
}

// lenientString reads a JSON string, number, boolean or null as text.
type lenientString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *lenientString) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err == nil {
		*s = lenientString(str)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*s = lenientString(n.String())
		return nil
	}
	switch t := string(bytes.TrimSpace(b)); t {
	case "null":
		*s = ""
		return nil
	case "true", "false":
		*s = lenientString(t)
		return nil
	}
	return invalid("open311: expected a string or a number")
}

// lenientBool reads a JSON boolean, the strings "true" and "false" in any
// case, or null as false.
type lenientBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *lenientBool) UnmarshalJSON(b []byte) error {
	var s lenientString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(string(s))) {
	case "true", "1":
		*v = true
	case "false", "0", "":
		*v = false
	default:
		return invalid("open311: expected true or false")
	}
	return nil
}

// decodeArray reads a JSON array into list, or a single object as a list
// of one.
func decodeArray[T any](r io.Reader, list *[]T) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		data = append(append([]byte{'['}, data...), ']')
	}
	if err := json.Unmarshal(data, list); err != nil {
		return fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	return nil
}

// encodeJSON writes v as JSON without HTML escaping.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// encodeXML writes v after the UTF-8 declaration the specification asks for.
func encodeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	if err := xml.NewEncoder(w).Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
