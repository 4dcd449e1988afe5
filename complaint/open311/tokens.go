package open311

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/office"
)

// accept checks a POST as filing it would, keeps it under a new token with
// the time it was received, and answers with the token.
func (h *Handler) accept(actor office.Actor, p PostRequest) (PostResponse, error) {
	if _, err := h.codec.Filing(p); err != nil {
		return PostResponse{}, err
	}
	now := h.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expire(now)
	tok := h.cfg.NewToken()
	if _, dup := h.tokens[tok]; dup || tok == "" {
		return PostResponse{}, fmt.Errorf("open311: the token source gave an empty or repeated token")
	}
	h.tokens[tok] = &pending{actor: actor, post: p, received: now}
	h.queue = append(h.queue, tok)
	return PostResponse{Token: tok, AccountID: p.AccountID,
		ServiceNotice: "Segnalazione ricevuta; il numero sarà assegnato a breve (GET tokens/" + tok + ")"}, nil
}

// Process files the requests POST accepted with a token (Config.Deferred),
// in the order they arrived, each received at the time of its POST, and
// records the identifier or the refusal its token then answers with; the
// personal data posted are dropped from memory once filed or refused. It
// returns how many it filed. It stops at the first error that is not a
// refusal of the request (the store unreachable, a cancelled context),
// leaving that request and the following ones for the next call. Tokens
// filed or refused more than Config.TokenTTL ago are forgotten.
func (h *Handler) Process(ctx context.Context) (int, error) {
	h.proc.Lock()
	defer h.proc.Unlock()
	filed := 0
	for {
		tok, p, ok := h.next()
		if !ok {
			return filed, nil
		}
		f, err := h.codec.Filing(p.post)
		var v complaint.View
		if err == nil {
			f.Received = p.received
			v, err = h.svc.File(ctx, complaint.Act{By: p.actor}, f)
		}
		if err != nil && transient(err) {
			return filed, err
		}
		h.mu.Lock()
		p.id, p.err, p.done, p.post = v.ID, err, h.now(), PostRequest{}
		h.queue = slices.DeleteFunc(h.queue, func(t string) bool { return t == tok })
		h.mu.Unlock()
		if err == nil {
			filed++
		}
	}
}

// next returns the oldest request not yet processed.
func (h *Handler) next() (string, *pending, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expire(h.now())
	if len(h.queue) == 0 {
		return "", nil, false
	}
	tok := h.queue[0]
	return tok, h.tokens[tok], true
}

// transient tells an error worth retrying (nothing was decided about the
// request) from a refusal of the request.
func transient(err error) bool {
	code, _ := ErrorsFor(err)
	return code >= 500 || code == http.StatusConflict
}

// expire forgets the tokens done more than TokenTTL before now; h.mu is
// held.
func (h *Handler) expire(now time.Time) {
	for tok, p := range h.tokens {
		if !p.done.IsZero() && now.Sub(p.done) > h.cfg.TokenTTL {
			delete(h.tokens, tok)
		}
	}
}

// token serves GET tokens/{token}.{fmt}: the token alone while its request
// waits, with the service_request_id once filed; the refusal, as an errors
// document, if filing refused it; 404 for a token unknown or forgotten.
func (h *Handler) token(w http.ResponseWriter, r *http.Request) {
	tok, format, ok := split(r.PathValue("file"))
	if !ok {
		h.fail(w, formatOf(r.URL.Path), fmt.Errorf("%w: open311: no such endpoint", complaint.ErrNotFound))
		return
	}
	h.mu.Lock()
	h.expire(h.now())
	p, found := h.tokens[tok]
	var resp PostResponse
	var err error
	if found {
		resp, err = PostResponse{Token: tok, ServiceRequestID: RequestID(p.id)}, p.err
	}
	h.mu.Unlock()
	if !found {
		err = fmt.Errorf("%w: open311: unknown token", complaint.ErrNotFound)
	}
	if err != nil {
		h.fail(w, format, err)
		return
	}
	h.writePostResponse(w, format, resp)
}
