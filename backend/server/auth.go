package server

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// principal is the key a request authenticated with.
type principal struct {
	key Key
	ws  Workspace
	ip  string
}

func (p principal) actor() Actor { return Actor{KeyID: p.key.ID, Name: p.key.Name, IP: p.ip} }

// credential reads the secret from `Authorization: Bearer` or `X-API-Key`.
func credential(r *http.Request) (string, error) {
	bearer := ""
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, value, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return "", unauthorized("the Authorization header must be \"Bearer <key>\"")
		}
		bearer = strings.TrimSpace(value)
	}
	header := strings.TrimSpace(r.Header.Get("X-API-Key"))
	switch {
	case bearer != "" && header != "":
		return "", badRequest("Authorization", "send the key in Authorization or X-API-Key, not both")
	case bearer != "":
		return bearer, nil
	case header != "":
		return header, nil
	}
	return "", unauthorized("an API key is required: send it as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\"")
}

// checkSecret finds the key behind secret and says why it may not be used
// (an api.Reason…) with the matching 401. Unknown and known-but-unusable
// keys take the same path: parse, hash, one indexed lookup, a constant-time
// comparison. A key seen before is found in the verify cache, which is
// exact (see verifyCache); only unknown keys always reach the database.
func (s *Server) checkSecret(ctx context.Context, secret string) (*verifyEntry, string, error) {
	if _, err := keys.ParseSecret(secret); err != nil {
		return nil, api.ReasonMalformed, refused(api.ReasonMalformed, "", "the API key is malformed: "+err.Error())
	}
	sum := keys.HashSum(secret)
	var e *verifyEntry
	if s.cache != nil {
		e = s.cache.get(sum, s.store.changes)
	}
	if e == nil {
		readAt := s.store.changes.current()
		var reason string
		var err error
		if e, reason, err = s.loadSecret(ctx, keys.HexHash(sum)); e == nil {
			return nil, reason, err
		}
		e.readAt = readAt
		if s.cache != nil {
			s.cache.put(sum, e)
		}
	}
	now := s.clock()
	k := e.key
	switch {
	case k.Status(now) == keys.StatusExpired:
		return e, api.ReasonExpired, refused(api.ReasonExpired, k.ID, "the API key expired on "+k.ExpiresAt.UTC().Format("2006-01-02 15:04 MST"))
	case k.RevokesAt != nil && k.Status(now) == keys.StatusInactive && !now.Before(*k.RevokesAt):
		return e, api.ReasonRevoked, refused(api.ReasonRevoked, k.ID, "the API key was revoked at the end of its rotation overlap; use its successor")
	case k.Status(now) == keys.StatusInactive:
		return e, api.ReasonDisabled, refused(api.ReasonDisabled, k.ID, "the API key is disabled")
	case k.Role == keys.RoleAPI && !e.ws.APIAccessEnabled:
		return e, api.ReasonAPIDisabled, refused(api.ReasonAPIDisabled, k.ID, "API access is turned off for this workspace")
	}
	return e, "", nil
}

// loadSecret reads from the database what verification needs of the key
// whose secret hashes to hash.
func (s *Server) loadSecret(ctx context.Context, hash string) (*verifyEntry, string, error) {
	k, err := s.store.KeyByHash(ctx, hash)
	if errors.Is(err, ErrNotFound) || (err == nil && !keys.HashEqual(k.Hash, hash)) {
		return nil, api.ReasonNotFound, refused(api.ReasonNotFound, "", "the API key is not valid: it does not exist or was deleted")
	}
	if err != nil {
		return nil, "", err
	}
	ws, err := s.store.Workspace(ctx, k.WorkspaceID)
	if err != nil {
		return nil, "", err
	}
	e := &verifyEntry{key: k, ws: ws}
	if k.ProfileID != "" {
		p, err := s.store.profile(ctx, k.WorkspaceID, k.ProfileID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, "", err
		}
		if err == nil {
			e.profile = verifiedProfile(p)
		}
	}
	return e, "", nil
}

// authed wraps a handler with authentication, the failure rate limit and
// the role check. With inWorkspace, the {ws} path value must be the key's
// own workspace.
func (s *Server) authed(roles []keys.Role, inWorkspace bool, h func(http.ResponseWriter, *http.Request, principal)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		now := s.clock()
		secret, err := credential(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		e, reason, err := s.checkSecret(r.Context(), secret)
		if err != nil {
			if reason != "" {
				err = s.failures.failed(ip, now, err)
			}
			s.writeError(w, r, err)
			return
		}
		k, ws := e.key, e.ws
		s.usage.record(k.WorkspaceID, k.ID, now)
		if inWorkspace && r.PathValue("ws") != k.WorkspaceID {
			s.writeError(w, r, forbidden("this key belongs to another workspace"))
			return
		}
		if !slices.Contains(roles, k.Role) {
			s.writeError(w, r, forbidden("a key with role "+string(k.Role)+" may not do this; it needs role "+joinRoles(roles)))
			return
		}
		h(w, r, principal{key: k, ws: ws, ip: ip})
	})
}

func joinRoles(roles []keys.Role) string {
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = string(r)
	}
	return strings.Join(parts, " or ")
}
