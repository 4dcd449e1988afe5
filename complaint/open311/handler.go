package open311

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/office"
)

// Keys checks the api_key a client sends with POST service request. The
// application implements it over its own register of clients; KeyMap is a
// fixed one.
type Keys interface {
	// Check returns the actor the client files as (usually role
	// office.External, its ID naming the client, recorded in each
	// complaint's history), or an error wrapping complaint.ErrForbidden
	// for a missing or unknown key. Other errors are answered 500.
	Check(ctx context.Context, key string) (office.Actor, error)
}

// KeyMap is Keys over a fixed map from api_key to actor. Keys are compared
// in constant time, each against every entry.
type KeyMap map[string]office.Actor

// Check implements Keys.
func (m KeyMap) Check(_ context.Context, key string) (office.Actor, error) {
	var found office.Actor
	ok := 0
	for k, a := range m {
		if subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
			found, ok = a, 1
		}
	}
	if ok == 0 || key == "" {
		return office.Actor{}, fmt.Errorf("%w: open311: api_key missing or unknown", complaint.ErrForbidden)
	}
	return found, nil
}

// Config configures a Handler.
type Config struct {
	// Service files and reads the complaints. Required.
	Service *complaint.Service
	// Keys checks the api_key of POST service request. Required.
	Keys Keys
	// Codec converts; nil means For(Service). Set it to declare
	// attributes (Codec.Attributes) or a jurisdiction.
	Codec *Codec
	// Now is the clock of the default GET requests window, of a deferred
	// request's receipt and of token expiry; nil means time.Now. The
	// Service keeps its own clock for what it files.
	Now func() time.Time
	// Deferred makes POST service request answer with a token: the
	// request is checked at once (bad input 400, unknown service 404) and
	// kept, received at the time of the POST, until Handler.Process files
	// it; GET tokens/{token} then gives its service_request_id.
	Deferred bool
	// NewToken returns a new token; nil means 128 random bits in hex.
	NewToken func() string
	// TokenTTL is how long a token is answered after its request was
	// filed or refused; 0 means 24 hours.
	TokenTTL time.Duration
	// MaxBody bounds the body of a POST in bytes; 0 means 64 KiB.
	MaxBody int64
}

// Handler is an Open311 GeoReport v2 endpoint over a complaint.Service,
// serving, relative to where it is mounted (http.StripPrefix):
//
//	GET  services.{xml,json}             the categories (Codec.Services)
//	GET  services/{code}.{xml,json}      a service definition
//	POST requests.{xml,json}             file a report (form or multipart; JSON too)
//	GET  requests.{xml,json}             list: service_request_id, service_code,
//	                                     start_date, end_date, status
//	GET  requests/{id}.{xml,json}        one request
//	GET  tokens/{token}.{xml,json}       the request a token stands for
//
// Every refusal is an errors document (ErrorsFor). Only POST needs an
// api_key; what GET returns is the public representation (Codec.Request),
// which carries none of the reporter's data. GET requests lists the
// complaints of the Codec's kind received in the window asked (90 days at
// most; by default the last 90), most recent first, at most 1,000.
//
// A Handler is safe for concurrent use.
type Handler struct {
	svc   *complaint.Service
	keys  Keys
	codec Codec
	now   func() time.Time
	cfg   Config
	mux   *http.ServeMux

	proc   sync.Mutex // one Process at a time
	mu     sync.Mutex // guards tokens, queue and what Process records
	tokens map[string]*pending
	queue  []string
}

// pending is a deferred request: what was posted, until it is filed or
// refused, then the outcome.
type pending struct {
	actor    office.Actor
	post     PostRequest
	received time.Time
	id       complaint.ID
	err      error
	done     time.Time
}

// NewHandler checks cfg and returns a Handler. It fails with an error
// wrapping complaint.ErrInvalid without a Service or Keys, or with
// attributes declared for unknown categories or malformed.
func NewHandler(cfg Config) (*Handler, error) {
	if cfg.Service == nil || cfg.Keys == nil {
		return nil, invalid("open311: a Handler needs a Service and Keys")
	}
	h := &Handler{svc: cfg.Service, keys: cfg.Keys, now: cfg.Now, cfg: cfg, tokens: map[string]*pending{}}
	if cfg.Codec != nil {
		h.codec = *cfg.Codec
	} else {
		h.codec = For(cfg.Service)
	}
	if err := h.codec.checkAttributes(); err != nil {
		return nil, err
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.cfg.NewToken == nil {
		h.cfg.NewToken = randomToken
	}
	if h.cfg.TokenTTL == 0 {
		h.cfg.TokenTTL = 24 * time.Hour
	}
	if h.cfg.MaxBody == 0 {
		h.cfg.MaxBody = 64 << 10
	}
	h.mux = http.NewServeMux()
	h.mux.HandleFunc("GET /{file}", h.root)
	h.mux.HandleFunc("POST /{file}", h.post)
	h.mux.HandleFunc("GET /services/{file}", h.definition)
	h.mux.HandleFunc("GET /requests/{file}", h.one)
	h.mux.HandleFunc("GET /tokens/{file}", h.token)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
	})
	return h, nil
}

func randomToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// split reads "requests.json" as ("requests", "json"); the format must be
// json or xml.
func split(file string) (name, format string, ok bool) {
	name, format, found := strings.Cut(file, ".")
	if i := strings.LastIndexByte(file, '.'); i >= 0 {
		name, format, found = file[:i], file[i+1:], true
	}
	return name, format, found && (format == "json" || format == "xml") && name != ""
}

// formatOf is the format a path asks for, json if none.
func formatOf(path string) string {
	if strings.HasSuffix(path, ".xml") {
		return "xml"
	}
	return "json"
}

// root serves GET services.{fmt} and GET requests.{fmt}.
func (h *Handler) root(w http.ResponseWriter, r *http.Request) {
	name, format, ok := split(r.PathValue("file"))
	switch {
	case ok && name == "services":
		if err := h.jurisdiction(r); err != nil {
			h.fail(w, format, err)
			return
		}
		svcs := h.codec.Services()
		h.write(w, format, func(b *strings.Builder) error {
			if format == "xml" {
				return EncodeServicesXML(b, svcs)
			}
			return EncodeServicesJSON(b, svcs)
		})
	case ok && name == "requests":
		reqs, err := h.list(r.Context(), r)
		if err != nil {
			h.fail(w, format, err)
			return
		}
		h.writeRequests(w, format, reqs)
	default:
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
	}
}

// definition serves GET services/{code}.{fmt}.
func (h *Handler) definition(w http.ResponseWriter, r *http.Request) {
	code, format, ok := split(r.PathValue("file"))
	if !ok {
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
		return
	}
	d, found := h.codec.Definition(code)
	if !found {
		h.fail(w, format, &FieldError{Field: "service_code", Problem: "is not a service of this endpoint", Err: ErrUnknownService})
		return
	}
	h.write(w, format, func(b *strings.Builder) error {
		if format == "xml" {
			return EncodeDefinitionXML(b, d)
		}
		return EncodeDefinitionJSON(b, d)
	})
}

// one serves GET requests/{id}.{fmt}: the complaint's public
// representation, if it is of the Codec's kind.
func (h *Handler) one(w http.ResponseWriter, r *http.Request) {
	id, format, ok := split(r.PathValue("file"))
	if !ok {
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
		return
	}
	if err := h.jurisdiction(r); err != nil {
		h.fail(w, format, err)
		return
	}
	sr, err := h.request(r.Context(), complaint.ID(id))
	if err != nil {
		h.fail(w, format, err)
		return
	}
	h.writeRequests(w, format, []Request{sr})
}

// request returns the public representation of a complaint of the Codec's
// kind; any other is ErrNotFound, as an unknown one.
func (h *Handler) request(ctx context.Context, id complaint.ID) (Request, error) {
	v, err := h.svc.Get(ctx, id)
	if errors.Is(err, complaint.ErrInvalid) {
		return Request{}, fmt.Errorf("%w: open311: unknown service request", complaint.ErrNotFound)
	}
	if err != nil {
		return Request{}, err
	}
	if v.Kind != h.codec.kind() {
		return Request{}, fmt.Errorf("%w: open311: unknown service request", complaint.ErrNotFound)
	}
	return h.codec.Request(v), nil
}

// jurisdiction refuses a jurisdiction_id other than the Codec's.
func (h *Handler) jurisdiction(r *http.Request) error {
	j := strings.TrimSpace(r.URL.Query().Get("jurisdiction_id"))
	if j != "" && h.codec.Jurisdiction != "" && j != h.codec.Jurisdiction {
		return fieldErr("jurisdiction_id", "is not served here")
	}
	return nil
}

// post serves POST requests.{fmt}.
func (h *Handler) post(w http.ResponseWriter, r *http.Request) {
	name, format, ok := split(r.PathValue("file"))
	if !ok || name != "requests" {
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
		return
	}
	p, key, err := h.readPost(w, r)
	if err != nil {
		h.fail(w, format, err)
		return
	}
	actor, err := h.keys.Check(r.Context(), key)
	if err != nil {
		h.fail(w, format, err)
		return
	}
	var resp PostResponse
	if h.cfg.Deferred {
		resp, err = h.accept(actor, p)
	} else {
		resp, _, err = h.codec.File(r.Context(), h.svc, complaint.Act{By: actor}, p)
	}
	if err != nil {
		h.fail(w, format, err)
		return
	}
	h.writePostResponse(w, format, resp)
}

// writePostResponse writes resp as the POST response document: an array
// of one (<service_requests><request> in XML), as clients read it.
func (h *Handler) writePostResponse(w http.ResponseWriter, format string, resp PostResponse) {
	h.write(w, format, func(b *strings.Builder) error {
		if format == "xml" {
			return EncodePostResponsesXML(b, []PostResponse{resp})
		}
		return EncodePostResponsesJSON(b, []PostResponse{resp})
	})
}

// readPost reads the body of POST service request (a form, a multipart
// form whose files are ignored, or a JSON object) and the api_key, from
// the body or the query.
func (h *Handler) readPost(w http.ResponseWriter, r *http.Request) (PostRequest, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	switch ct {
	case "application/json":
		p, err := DecodePostJSON(r.Body)
		return p, r.URL.Query().Get("api_key"), err
	case "multipart/form-data":
		err = r.ParseMultipartForm(h.cfg.MaxBody)
	default:
		err = r.ParseForm()
	}
	if err != nil {
		return PostRequest{}, "", fieldErr("body", "is not a form of at most the allowed size")
	}
	p, err := ParsePostRequest(r.Form)
	return p, r.Form.Get("api_key"), err
}

// fail writes the errors document for err.
func (h *Handler) fail(w http.ResponseWriter, format string, err error) {
	code, errs := ErrorsFor(err)
	h.writeStatus(w, format, code, func(b *strings.Builder) error {
		if format == "xml" {
			return EncodeErrorsXML(b, errs)
		}
		return EncodeErrorsJSON(b, errs)
	})
}

func (h *Handler) writeRequests(w http.ResponseWriter, format string, reqs []Request) {
	h.write(w, format, func(b *strings.Builder) error {
		if format == "xml" {
			return EncodeRequestsXML(b, reqs)
		}
		return EncodeRequestsJSON(b, reqs)
	})
}

func (h *Handler) write(w http.ResponseWriter, format string, enc func(*strings.Builder) error) {
	h.writeStatus(w, format, http.StatusOK, enc)
}

// writeStatus encodes the whole document before writing the header, so an
// encoding error is a 500 errors document, not half a document.
func (h *Handler) writeStatus(w http.ResponseWriter, format string, code int, enc func(*strings.Builder) error) {
	var b strings.Builder
	if err := enc(&b); err != nil {
		code = http.StatusInternalServerError
		b.Reset()
		_, errs := ErrorsFor(err)
		if format == "xml" {
			_ = EncodeErrorsXML(&b, errs)
		} else {
			_ = EncodeErrorsJSON(&b, errs)
		}
	}
	if format == "xml" {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}
