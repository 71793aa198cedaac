package server

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

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
	// Failed verifications and authentications allowed per client address:
	// a burst, then so many per minute (defaults 30 and 60).
	FailureBurst      int
	FailuresPerMinute int
	// How often recorded uses are written (default 5 s).
	UsageFlushInterval time.Duration
}

// Server serves the Keydesk HTTP API over a Store.
type Server struct {
	store    *Store
	now      func() time.Time
	log      *slog.Logger
	rand     io.Reader
	usage    *usageRecorder
	failures *failureLimiter
	cache    *verifyCache // nil unless the store is exclusive: every verification reads the database
	opts     Options

	jobs     *cron.Cron
	stopJobs context.CancelFunc
	jobsDone chan struct{}
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
	if opts.FailureBurst <= 0 {
		opts.FailureBurst = 30
	}
	if opts.FailuresPerMinute <= 0 {
		opts.FailuresPerMinute = 60
	}
	if opts.UsageFlushInterval <= 0 {
		opts.UsageFlushInterval = 5 * time.Second
	}
	s.opts = opts
	s.usage = newUsageRecorder()
	s.failures = newFailureLimiter(opts.FailuresPerMinute, opts.FailureBurst)
	if store != nil && store.exclusive() {
		s.cache = newVerifyCache()
	}
	return s
}

// Start runs the server's jobs: the usage flush every few seconds and, on a
// robfig/cron schedule, the auto-revoke of keys whose rotation overlap
// ended. Stop ends them.
func (s *Server) Start() error {
	ctx, cancel := context.WithCancel(context.Background())
	s.stopJobs, s.jobsDone = cancel, make(chan struct{})
	s.jobs = cron.New()
	if _, err := s.jobs.AddFunc("@every 30s", func() {
		if _, err := s.RevokeEndedOverlaps(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("auto-revoke failed", "err", err)
		}
	}); err != nil {
		cancel()
		return err
	}
	s.jobs.Start()
	go func() {
		defer close(s.jobsDone)
		t := time.NewTicker(s.opts.UsageFlushInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.FlushUsage(ctx); err != nil && ctx.Err() == nil {
					s.log.Error("usage flush failed", "err", err)
				}
			}
		}
	}()
	return nil
}

// Stop ends the jobs and writes the uses not yet flushed.
func (s *Server) Stop() error {
	if s.jobs != nil {
		s.stopJobs()
		<-s.jobs.Stop().Done()
		<-s.jobsDone
		s.jobs = nil
	}
	return s.FlushUsage(context.Background())
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
	created, err := s.IssueKey(ctx, ws.ID, api.CreateKeyRequest{Name: adminKeyName, Role: string(keys.RoleAdmin), ExpiresInDays: api.Some[int](nil)}, Actor{})
	if err != nil {
		return Workspace{}, api.CreatedKey{}, fmt.Errorf("create the first admin key: %w", err)
	}
	s.log.Info("workspace created", "workspace", ws.ID, "adminKey", created.Key.ID)
	return ws, created, nil
}

func (s *Server) keyJSON(k Key, now time.Time) api.Key {
	return api.Key{
		ID: k.ID, Name: k.Name, Role: string(k.Role), MaskedKey: k.MaskedKey,
		Status: string(k.Status(now)), Enabled: k.Enabled,
		CreatedAt: k.CreatedAt.UTC(), ExpiresAt: utc(k.ExpiresAt), LastUsedAt: utc(k.LastUsedAt),
		ProfileID: k.ProfileID, RevokesAt: utc(k.RevokesAt), AutoRevoke: k.AutoRevoke, RotatedFrom: k.RotatedFrom,
		CreatedBy: k.CreatedBy, UpdatedAt: k.UpdatedAt.UTC(), Revision: k.Revision,
		RegeneratedAt: utc(k.RegeneratedAt), ExpirySetAt: utc(k.ExpirySetAt),
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
		detail := "no such endpoint: " + r.Method + " " + r.URL.Path
		if allowed := methodsFor(mux, r); len(allowed) > 0 {
			// 404 as the API's contract has it, saying what the path takes.
			detail += " (it answers " + strings.Join(allowed, ", ") + ")"
		}
		s.writeError(w, r, &apiError{status: http.StatusNotFound, code: api.CodeNotFound, detail: detail})
	})
	return s.accessLog(noNUL(s, mux))
}

// methodsFor lists the methods mux has an endpoint for at r's path.
func methodsFor(mux *http.ServeMux, r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
			out = append(out, m)
		}
	}
	return out
}

// noNUL refuses a NUL in the path or the query: PostgreSQL cannot store or
// compare one, so it would surface as a 500.
func noNUL(s *Server, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.ContainsRune(r.URL.Path, 0) || strings.Contains(r.URL.RawQuery, "%00") {
			s.writeError(w, r, badRequest("", "the path and the query must not contain NUL characters"))
			return
		}
		next.ServeHTTP(w, r)
	})
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
	ws := "/v1/workspaces/{ws}"
	return []route{
		{"GET /healthz", http.HandlerFunc(s.handleHealth)},
		{"POST /v1/keys/verify", http.HandlerFunc(s.handleVerify)},
		{"GET /v1/whoami", s.authed(anyKey, false, s.handleWhoAmI)},
		{"POST /v1/self/rotate", s.authed(anyKey, false, s.handleSelfRotate)},
		{"GET " + ws, s.authed(readers, true, s.handleGetWorkspace)},
		{"PATCH " + ws, s.authed(admins, true, s.handlePatchWorkspace)},
		{"GET " + ws + "/keys", s.authed(readers, true, s.handleListKeys)},
		{"POST " + ws + "/keys", s.authed(admins, true, s.handleCreateKey)},
		{"GET " + ws + "/keys/cleanup", s.authed(admins, true, s.handleCleanupCounts)},
		{"POST " + ws + "/keys/cleanup", s.authed(admins, true, s.handleCleanup)},
		{"GET " + ws + "/keys/{id}", s.authed(readers, true, s.handleGetKey)},
		{"PATCH " + ws + "/keys/{id}", s.authed(admins, true, s.handlePatchKey)},
		{"DELETE " + ws + "/keys/{id}", s.authed(admins, true, s.handleDeleteKey)},
		{"POST " + ws + "/keys/{id}/regenerate", s.authed(admins, true, s.handleRegenerateKey)},
		{"POST " + ws + "/keys/{id}/rotate", s.authed(admins, true, s.handleRotateKey)},
		{"GET " + ws + "/profiles", s.authed(readers, true, s.handleListProfiles)},
		{"POST " + ws + "/profiles", s.authed(admins, true, s.handleCreateProfile)},
		{"GET " + ws + "/profiles/{id}", s.authed(readers, true, s.handleGetProfile)},
		{"PATCH " + ws + "/profiles/{id}", s.authed(admins, true, s.handlePatchProfile)},
		{"DELETE " + ws + "/profiles/{id}", s.authed(admins, true, s.handleDeleteProfile)},
		{"GET " + ws + "/audit", s.authed(admins, true, s.handleAudit)},
		{"GET " + ws + "/usage", s.authed(readers, true, s.handleUsage)},
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
		// Checked first: building the attributes costs more than the
		// verification they would describe.
		if s.log.Enabled(r.Context(), slog.LevelDebug) {
			s.log.Debug("http", "method", r.Method, "path", loggedPath(r), "status", rec.status, "ms", time.Since(start).Milliseconds())
		}
	})
}

// loggedPath is a request's path as logs write it: a key pasted where an
// ID belongs is masked, as in the answer.
func loggedPath(r *http.Request) string {
	return keys.Redact(r.URL.Path)
}

// Authenticate returns the key behind secret when it may be used now.
func (s *Server) Authenticate(ctx context.Context, secret string) (Key, error) {
	e, _, err := s.checkSecret(ctx, secret)
	if e == nil {
		return Key{}, err
	}
	return e.key, err
}

func (s *Server) workspaceJSON(ws Workspace) api.Workspace {
	return api.Workspace{
		ID: ws.ID, Name: ws.Name, APIAccessEnabled: ws.APIAccessEnabled, MaxExpiryDays: ws.expiryPolicy().Max(),
		AllowNeverExpires: ws.AllowNever, KeyPrefix: ws.prefix(), Revision: ws.Revision,
	}
}
