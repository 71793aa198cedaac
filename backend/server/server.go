package server

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// Version is reported by /healthz; the build sets it with -ldflags.
var Version = "dev"

// Options are the server's injected dependencies; zero values pick the
// production ones.
type Options struct {
	Now  func() time.Time
	Log  *slog.Logger
	Rand io.Reader
}

// Server serves the Keydesk HTTP API over a Store.
type Server struct {
	store *Store
	now   func() time.Time
	log   *slog.Logger
	rand  io.Reader
}

// New returns a server over store.
func New(store *Store, opts Options) *Server {
	s := &Server{store: store, now: opts.Now, log: opts.Log, rand: opts.Rand}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	return s
}

// Store returns the server's store.
func (s *Server) Store() *Store { return s.store }

func (s *Server) clock() time.Time { return s.now().UTC() }

// CreateWorkspace creates a workspace and its first admin key, whose secret
// is returned once.
func (s *Server) CreateWorkspace(ctx context.Context, name, adminKeyName string) (Workspace, api.CreatedKey, error) {
	name, err := keys.ValidateName(name)
	if err != nil {
		return Workspace{}, api.CreatedKey{}, err
	}
	id, err := keys.NewID("ws", s.rand)
	if err != nil {
		return Workspace{}, api.CreatedKey{}, err
	}
	ws := Workspace{
		ID: id, Name: name, APIAccessEnabled: true, AllowNever: true,
		MaxExpiryDays: keys.MaxExpiryDays, CreatedAt: s.clock(),
	}
	if err := s.store.CreateWorkspace(ctx, ws); err != nil {
		return Workspace{}, api.CreatedKey{}, err
	}
	created, err := s.IssueKey(ctx, ws.ID, api.CreateKeyRequest{Name: adminKeyName, Role: string(keys.RoleAdmin)}, "")
	if err != nil {
		return Workspace{}, api.CreatedKey{}, fmt.Errorf("create the first admin key: %w", err)
	}
	s.log.Info("workspace created", "workspace", ws.ID, "adminKey", created.Key.ID)
	return ws, created, nil
}

// IssueKey validates a create request and stores a new key. The secret is
// generated here and leaves only in the returned value.
func (s *Server) IssueKey(ctx context.Context, workspaceID string, req api.CreateKeyRequest, actorKeyID string) (api.CreatedKey, error) {
	name, err := keys.ValidateName(req.Name)
	if err != nil {
		return api.CreatedKey{}, err
	}
	role, err := keys.ParseRole(req.Role)
	if err != nil {
		return api.CreatedKey{}, err
	}
	now := s.clock()
	id, err := keys.NewID("key", s.rand)
	if err != nil {
		return api.CreatedKey{}, err
	}
	k := Key{
		ID: id, WorkspaceID: workspaceID, Name: name, Role: role, Enabled: true,
		ProfileID: req.ProfileID, CreatedBy: actorKeyID, CreatedAt: now, UpdatedAt: now,
	}
	var secret string
	err = s.store.InsertKey(ctx, &k, func(ws Workspace) error {
		if k.ExpiresAt, err = ws.expiryPolicy().ExpiresAt(now, req.ExpiresInDays); err != nil {
			return err
		}
		if secret, err = keys.NewSecret(ws.prefix(), s.rand); err != nil {
			return err
		}
		k.Hash, k.MaskedKey = keys.Hash(secret), keys.Mask(secret)
		return nil
	})
	if err != nil {
		return api.CreatedKey{}, err
	}
	s.log.Info("key created", "workspace", workspaceID, "key", k.ID, "masked", k.MaskedKey, "actor", actorKeyID)
	return api.CreatedKey{Key: s.keyJSON(k, now), Secret: secret}, nil
}

// DeleteKey deletes a key at once: the next request with it gets 401.
func (s *Server) DeleteKey(ctx context.Context, workspaceID, keyID, actorKeyID string) error {
	if err := s.store.DeleteKey(ctx, workspaceID, keyID, s.clock()); err != nil {
		return err
	}
	s.log.Info("key deleted", "workspace", workspaceID, "key", keyID, "actor", actorKeyID)
	return nil
}

func (s *Server) keyJSON(k Key, now time.Time) api.Key {
	return api.Key{
		ID: k.ID, Name: k.Name, Role: string(k.Role), MaskedKey: k.MaskedKey,
		Status: string(k.Status(now)), Enabled: k.Enabled,
		CreatedAt: k.CreatedAt.UTC(), ExpiresAt: utc(k.ExpiresAt), LastUsedAt: utc(k.LastUsedAt),
		ProfileID: k.ProfileID, RevokesAt: utc(k.RevokesAt), RotatedFrom: k.RotatedFrom,
		CreatedBy: k.CreatedBy, UpdatedAt: k.UpdatedAt.UTC(), Revision: k.Revision,
	}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Handler returns the HTTP API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, &apiError{status: http.StatusNotFound, code: api.CodeNotFound, detail: "no such endpoint: " + r.Method + " " + r.URL.Path})
	})
	return s.accessLog(mux)
}

type route struct {
	pattern string
	handler http.Handler
}

// routes is the API's route table; openapi_test.go checks it against
// openapi.yaml.
func (s *Server) routes() []route {
	anyKey := []keys.Role{keys.RoleAdmin, keys.RoleMember, keys.RoleAPI}
	readers := []keys.Role{keys.RoleAdmin, keys.RoleMember}
	admins := []keys.Role{keys.RoleAdmin}
	return []route{
		{"GET /healthz", http.HandlerFunc(s.handleHealth)},
		{"POST /v1/keys/verify", http.HandlerFunc(s.handleVerify)},
		{"GET /v1/whoami", s.authed(anyKey, false, s.handleWhoAmI)},
		{"GET /v1/workspaces/{ws}/keys", s.authed(readers, true, s.handleListKeys)},
		{"POST /v1/workspaces/{ws}/keys", s.authed(admins, true, s.handleCreateKey)},
		{"GET /v1/workspaces/{ws}/keys/{id}", s.authed(readers, true, s.handleGetKey)},
		{"DELETE /v1/workspaces/{ws}/keys/{id}", s.authed(admins, true, s.handleDeleteKey)},
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// accessLog logs method, path (never the query or body, which may carry a
// key), status and duration.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", time.Since(start).Milliseconds())
	})
}

// Authenticate returns the key behind secret when it may be used now.
func (s *Server) Authenticate(ctx context.Context, secret string) (Key, error) {
	k, _, err := s.checkSecret(ctx, secret)
	return k, err
}
