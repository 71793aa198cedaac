package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// apiError is an error with the words the client should see.
type apiError struct {
	status     int
	code       string
	detail     string
	field      string
	reason     string // for 401: verify's reason
	keyID      string // for 401: the refused key, when known
	retryAfter int    // seconds, for 429
}

func (e *apiError) Error() string { return e.detail }

func badRequest(field, detail string) error {
	return &apiError{status: http.StatusBadRequest, code: api.CodeInvalidInput, detail: detail, field: field}
}

func unauthorized(detail string) error {
	return &apiError{status: http.StatusUnauthorized, code: api.CodeUnauthorized, detail: detail}
}

// refused is a 401 for a key (keyID, "" when unknown) that verify would
// refuse for reason.
func refused(reason, keyID, detail string) error {
	return &apiError{status: http.StatusUnauthorized, code: api.CodeUnauthorized, detail: detail, reason: reason, keyID: keyID}
}

func forbidden(detail string) error {
	return &apiError{status: http.StatusForbidden, code: api.CodeForbidden, detail: detail}
}

// problemFor is the one place where errors become HTTP statuses.
func problemFor(err error) api.Problem {
	var ae *apiError
	var fe *keys.FieldError
	switch {
	case errors.As(err, &ae):
		p := newProblem(ae.status, ae.code, ae.detail, ae.field)
		p.Reason, p.KeyID = ae.reason, ae.keyID
		return p
	case errors.As(err, &fe):
		return newProblem(http.StatusBadRequest, api.CodeInvalidInput, fe.Error(), fe.Field)
	case errors.Is(err, keys.ErrInvalid):
		return newProblem(http.StatusBadRequest, api.CodeInvalidInput, err.Error(), "")
	case errors.Is(err, ErrNotFound):
		return newProblem(http.StatusNotFound, api.CodeNotFound, err.Error(), "")
	case errors.Is(err, ErrConflict):
		return newProblem(http.StatusConflict, api.CodeConflict, err.Error(), "")
	case errors.Is(err, ErrUnauthorized):
		return newProblem(http.StatusUnauthorized, api.CodeUnauthorized, err.Error(), "")
	case errors.Is(err, ErrForbidden):
		return newProblem(http.StatusForbidden, api.CodeForbidden, err.Error(), "")
	}
	return newProblem(http.StatusInternalServerError, api.CodeInternal, "the server could not complete the request", "")
}

// newProblem masks anything shaped like a key in the detail and the field:
// both may quote what the caller sent, and a key sent in the wrong place (as
// the name of a field, say) must not come back whole, into a log or a proxy.
func newProblem(status int, code, detail, field string) api.Problem {
	return api.Problem{
		Type:   "https://keydesk.dev/problems/" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: keys.Redact(detail),
		Code:   code,
		Field:  keys.Redact(field),
	}
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(err)
	if p.Status >= 500 {
		// The cause goes to the log, never to the client. Errors never hold
		// a secret: secrets are only ever handled as hashes below the
		// handlers.
		s.log.Error("request failed", "method", r.Method, "path", loggedPath(r), "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="keydesk"`)
	}
	var ae *apiError
	if errors.As(err, &ae) && ae.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	encode(w, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	encode(w, v)
}

// encode writes v as JSON, with <, > and & as they are: an API answer is
// not embedded in HTML, and people read it raw (curl, the key test's body),
// where "expected <prefix>_…" escaped reads "expected \u003cprefix\u003e_…".
func encode(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
