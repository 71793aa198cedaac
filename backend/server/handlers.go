package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// MaxBodyBytes is the largest request body the API reads.
const MaxBodyBytes = 1 << 20

const maxPageSize = 1000

const maxSearchLength = 200

// decode reads a JSON body strictly: unknown fields, trailing data, wrong
// types and bodies over 1 MiB are errors that name what was wrong.
func decode(w http.ResponseWriter, r *http.Request, dst any) error {
	data, err := readBody(w, r)
	if err != nil {
		return err
	}
	return decodeBytes(data, dst)
}

// readBody reads a request body of at most MaxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &apiError{status: http.StatusRequestEntityTooLarge, code: api.CodeTooLarge, detail: "the request body is larger than 1 MiB"}
	}
	if err != nil {
		return nil, badRequest("", "could not read the request body")
	}
	return data, nil
}

// plainVerifyBody recognises the body every client sends to verify,
// {"key":"<secret>"} with a secret that needs no escaping, and returns the
// secret without a JSON decoder: verify is the hot path. Anything else,
// including every malformed body, goes through decodeBytes, which gives
// the same result for this shape.
func plainVerifyBody(data []byte) (string, bool) {
	const head, tail = `{"key":"`, `"}`
	data = bytes.Trim(data, " \t\r\n") // JSON's whitespace, not Unicode's
	if len(data) < len(head)+len(tail) || !bytes.HasPrefix(data, []byte(head)) || !bytes.HasSuffix(data, []byte(tail)) {
		return "", false
	}
	key := data[len(head) : len(data)-len(tail)]
	for _, c := range key {
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return "", false
		}
	}
	return string(key), true
}

// decodeBytes is decode for a body already read.
func decodeBytes(data []byte, dst any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	if err := checkFields(data, dst); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return badRequest("", "the request body must be a single JSON object")
	}
	return nil
}

// checkFields refuses what encoding/json lets through: a field named in
// another case ("NAME" for "name") or given twice, which a proxy or a log
// may read differently from the server, and a NUL in a string, which
// PostgreSQL cannot store. Anything else wrong is left to the decoder.
func checkFields(data []byte, dst any) error {
	t := reflect.TypeOf(dst).Elem()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') || t.Kind() != reflect.Struct {
		return nil
	}
	fields := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			fields[name] = true
		}
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		switch {
		case seen[key]:
			return badRequest(key, fmt.Sprintf("field %q is given twice", key))
		case !fields[key]:
			return badRequest(key, fmt.Sprintf("unknown field %q", key))
		}
		seen[key] = true
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil
		}
		if hasNUL(value) {
			return badRequest(key, key+" must not contain control characters (NUL)")
		}
	}
	return nil
}

// hasNUL reports a NUL in any string of a JSON document.
func hasNUL(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(string); ok && strings.ContainsRune(s, 0) {
			return true
		}
	}
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return badRequest("", "the request body must be a JSON object")
		}
		return badRequest(typeErr.Field, fmt.Sprintf("%s must be %s, got %s", typeErr.Field, jsonTypeName(typeErr.Type.String()), typeErr.Value))
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("", "the request body is not valid JSON")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(field, fmt.Sprintf("unknown field %q", field))
	}
	return badRequest("", "the request body is not valid: "+err.Error())
}

func jsonTypeName(goType string) string {
	switch strings.TrimPrefix(goType, "*") {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "int", "int64", "int32":
		return "an integer"
	}
	return "a " + goType
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, api.Health{Status: "database unavailable", Version: Version})
		return
	}
	writeJSON(w, http.StatusOK, api.Health{Status: "ok", Version: Version})
}

// handleVerify answers whether a key is valid. It needs no credential of its
// own: the key under test is the credential, and it is 256 bits of entropy.
// Failed verifications count against the caller's address.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	ip, now := clientIP(r), s.clock()
	data, err := readBody(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var req api.VerifyRequest
	if key, ok := plainVerifyBody(data); ok {
		req.Key = key
	} else if err := decodeBytes(data, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.Key == "" {
		s.writeError(w, r, badRequest("key", "key is required"))
		return
	}
	e, reason, err := s.checkSecret(r.Context(), req.Key)
	if err != nil && reason == "" {
		s.writeError(w, r, err)
		return
	}
	if reason != "" {
		if err := s.failures.failed(ip, now, nil); err != nil {
			s.writeError(w, r, err)
			return
		}
		out := api.VerifyResponse{Valid: false, Reason: reason}
		if e != nil {
			out.KeyID = e.key.ID
			if reason == api.ReasonExpired {
				out.ExpiresAt = utc(e.key.ExpiresAt) // when: the holder of the key may know
			}
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	k := e.key
	s.usage.record(k.WorkspaceID, k.ID, now)
	writeJSON(w, http.StatusOK, api.VerifyResponse{
		Valid: true, KeyID: k.ID, WorkspaceID: k.WorkspaceID, Role: string(k.Role), ExpiresAt: utc(k.ExpiresAt), Profile: e.profile,
	})
}

func (s *Server) handleWhoAmI(w http.ResponseWriter, r *http.Request, p principal) {
	who := api.WhoAmI{
		KeyID: p.key.ID, KeyName: p.key.Name, WorkspaceID: p.ws.ID, WorkspaceName: p.ws.Name,
		Role: string(p.key.Role), ProfileID: p.key.ProfileID, ExpiresAt: utc(p.key.ExpiresAt), CreatedAt: p.key.CreatedAt.UTC(),
	}
	policy := p.ws.expiryPolicy()
	who.ExpiryPolicy = &api.ExpiryPolicy{MaxExpiryDays: policy.Max(), AllowNeverExpires: policy.AllowNever}
	if p.key.AutoRevoke {
		who.RevokesAt = utc(p.key.RevokesAt)
	}
	writeJSON(w, http.StatusOK, who)
}

func (s *Server) handleListKeys(w http.ResponseWriter, r *http.Request, p principal) {
	q, err := parseListQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	now := s.clock()
	page, err := s.store.ListKeys(r.Context(), p.ws.ID, q, now)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := api.KeyList{Items: make([]api.Key, len(page.Items)), Total: page.Total, Revision: page.Revision}
	for i, c := range page.Items {
		if c.Deleted {
			out.Items[i] = api.Key{ID: c.ID, Revision: c.Revision, Deleted: true}
		} else {
			out.Items[i] = s.keyJSON(c.Key, now)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func parseListQuery(r *http.Request) (ListQuery, error) {
	v := r.URL.Query()
	q := ListQuery{PageSize: 50, Search: v.Get("q"), Sort: v.Get("sort")}
	// No name, id or masked key is longer than a search may be.
	if n := len([]rune(q.Search)); n > maxSearchLength {
		return q, badRequest("q", fmt.Sprintf("q must be at most %d characters, got %d", maxSearchLength, n))
	}
	var err error
	if q.PageIndex, err = intParam(v.Get("pageIndex"), "pageIndex", 0, 0, 1<<20); err != nil {
		return q, err
	}
	if q.PageSize, err = intParam(v.Get("pageSize"), "pageSize", 50, 1, maxPageSize); err != nil {
		return q, err
	}
	switch st := keys.Status(v.Get("status")); st {
	case "", keys.StatusActive, keys.StatusInactive, keys.StatusExpired:
		q.Status = st
	default:
		return q, badRequest("status", fmt.Sprintf("status must be active, inactive or expired, got %q", st))
	}
	if field := strings.TrimPrefix(q.Sort, "-"); field != "" {
		if !slices.Contains(sortFields, field) {
			return q, badRequest("sort", fmt.Sprintf("sort must be one of %s (with - for descending), got %q", strings.Join(SortFields(), ", "), q.Sort))
		}
	}
	if raw := v.Get("updatedSince"); raw != "" {
		rev, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || rev < 0 {
			return q, badRequest("updatedSince", fmt.Sprintf("updatedSince must be a revision (an integer ≥ 0), got %q", raw))
		}
		q.UpdatedSince = &rev
	}
	return q, nil
}

func intParam(raw, name string, def, min, max int) (int, error) {
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, badRequest(name, fmt.Sprintf("%s must be an integer from %d to %d, got %q", name, min, max, raw))
	}
	return n, nil
}

func (s *Server) handleCreateKey(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.CreateKeyRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	created, err := s.IssueKey(r.Context(), p.ws.ID, req, p.actor())
	respond(s, w, r, http.StatusCreated, created, err)
}

func (s *Server) handleGetKey(w http.ResponseWriter, r *http.Request, p principal) {
	k, err := s.store.Key(r.Context(), p.ws.ID, r.PathValue("id"))
	respond(s, w, r, http.StatusOK, s.keyJSON(k, s.clock()), err)
}

func (s *Server) handlePatchKey(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.PatchKeyRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	k, err := s.PatchKey(r.Context(), p.ws.ID, r.PathValue("id"), req, p.actor())
	respond(s, w, r, http.StatusOK, k, err)
}

func (s *Server) handleDeleteKey(w http.ResponseWriter, r *http.Request, p principal) {
	if err := s.DeleteKey(r.Context(), p.ws.ID, r.PathValue("id"), p.actor()); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleRegenerateKey(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.RegenerateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	created, err := s.RegenerateKey(r.Context(), p.ws.ID, r.PathValue("id"), req, p.actor())
	respond(s, w, r, http.StatusOK, created, err)
}

func (s *Server) handleRotateKey(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.RotateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	rotated, err := s.RotateKey(r.Context(), p.ws.ID, r.PathValue("id"), req, p.actor())
	respond(s, w, r, http.StatusCreated, rotated, err)
}

// handleSelfRotate lets any key, api keys included, rotate itself: the way
// a CI pipeline replaces its own key with no downtime (`keydesk rotate-key`;
// its --no-auto-revoke is part of the CLI contract).
func (s *Server) handleSelfRotate(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.RotateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}

	rotated, err := s.RotateKey(r.Context(), p.ws.ID, p.key.ID, req, p.actor())
	respond(s, w, r, http.StatusCreated, rotated, err)
}

func (s *Server) handleCleanupCounts(w http.ResponseWriter, r *http.Request, p principal) {
	var out api.CleanupCounts
	var err error
	out.Expired, out.Revoked, out.Both, err = s.store.CleanupCounts(r.Context(), p.ws.ID, s.clock())
	respond(s, w, r, http.StatusOK, out, err)
}

func (s *Server) handleCleanup(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.CleanupRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := s.CleanupKeys(r.Context(), p.ws.ID, req, p.actor())
	respond(s, w, r, http.StatusOK, api.CleanupResult{Deleted: n}, err)
}

func (s *Server) handleGetWorkspace(w http.ResponseWriter, r *http.Request, p principal) {
	// Read again: the principal's copy may come from the verify cache, whose
	// revision lags behind usage flushes.
	ws, err := s.store.Workspace(r.Context(), p.ws.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.workspaceJSON(ws))
}

func (s *Server) handlePatchWorkspace(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.PatchWorkspaceRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	ws, err := s.PatchWorkspace(r.Context(), p.ws.ID, req, p.actor())
	respond(s, w, r, http.StatusOK, ws, err)
}

func (s *Server) handleListProfiles(w http.ResponseWriter, r *http.Request, p principal) {
	list, err := s.Profiles(r.Context(), p.ws.ID)
	respond(s, w, r, http.StatusOK, api.ProfileList{Items: list}, err)
}

func (s *Server) handleGetProfile(w http.ResponseWriter, r *http.Request, p principal) {
	prof, err := s.Profile(r.Context(), p.ws.ID, r.PathValue("id"))
	respond(s, w, r, http.StatusOK, prof, err)
}

func (s *Server) handleCreateProfile(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.ProfileRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	prof, err := s.SaveProfile(r.Context(), p.ws.ID, "", req, p.actor())
	respond(s, w, r, http.StatusCreated, prof, err)
}

func (s *Server) handlePatchProfile(w http.ResponseWriter, r *http.Request, p principal) {
	var req api.ProfileRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	prof, err := s.SaveProfile(r.Context(), p.ws.ID, r.PathValue("id"), req, p.actor())
	respond(s, w, r, http.StatusOK, prof, err)
}

func (s *Server) handleDeleteProfile(w http.ResponseWriter, r *http.Request, p principal) {
	expect, err := intParam(r.URL.Query().Get("expectKeys"), "expectKeys", -1, 0, 1<<30)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.DeleteProfile(r.Context(), p.ws.ID, r.PathValue("id"), r.URL.Query().Get("keys"), expect, p.actor()); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request, p principal) {
	v := r.URL.Query()
	pageIndex, err := intParam(v.Get("pageIndex"), "pageIndex", 0, 0, 1<<20)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pageSize, err := intParam(v.Get("pageSize"), "pageSize", 50, 1, maxPageSize)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	action := v.Get("action")
	if action != "" && !slices.Contains(AuditActions, action) {
		s.writeError(w, r, badRequest("action", "action must be one of "+strings.Join(AuditActions, ", ")))
		return
	}
	list, err := s.Audit(r.Context(), p.ws.ID, AuditFilter{KeyID: v.Get("keyId"), Action: action}, pageIndex, pageSize)
	respond(s, w, r, http.StatusOK, list, err)
}

func (s *Server) handleUsage(w http.ResponseWriter, r *http.Request, p principal) {
	v := r.URL.Query()
	keyID := v.Get("keyId")
	if keyID == "" {
		s.writeError(w, r, badRequest("keyId", "keyId is required"))
		return
	}
	days, err := intParam(v.Get("days"), "days", 30, 1, 366)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	usage, err := s.Usage(r.Context(), p.ws.ID, keyID, days)
	respond(s, w, r, http.StatusOK, usage, err)
}

// respond writes v, or the error when there is one.
func respond(s *Server, w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, status, v)
}
