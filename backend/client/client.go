// Package client is the typed Go client of the Keydesk HTTP API, used by the
// desktop app and the CLI alike.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/netfail"
)

// Error categories a caller can test with errors.Is.
var (
	ErrUnreachable  = errors.New("the server cannot be reached")
	ErrUnauthorized = errors.New("the key was rejected")
	ErrForbidden    = errors.New("the key may not do this")
	ErrNotFound     = errors.New("not found")
	ErrInvalid      = errors.New("invalid input")
	ErrConflict     = errors.New("conflict")
)

// Error is a problem response from the server.
type Error struct {
	Status  int
	Problem api.Problem
}

func (e *Error) Error() string {
	if e.Problem.Detail != "" {
		return e.Problem.Detail
	}
	return fmt.Sprintf("the server answered %d %s", e.Status, http.StatusText(e.Status))
}

// Is maps the status to the error categories above.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == http.StatusUnauthorized
	case ErrForbidden:
		return e.Status == http.StatusForbidden
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrInvalid:
		return e.Status == http.StatusBadRequest || e.Status == http.StatusRequestEntityTooLarge
	case ErrConflict:
		return e.Status == http.StatusConflict
	}
	return false
}

// NetworkError wraps a failure to talk to the server at all.
type NetworkError struct {
	URL     string
	Err     error
	Timeout time.Duration // the request's time limit; Timeout when 0
}

// Error says why in plain words where it can ("… refused the connection:
// nothing is listening on that port"), as the key test does (netfail).
func (e *NetworkError) Error() string {
	if u, err := url.Parse(e.URL); err == nil {
		return fmt.Sprintf("cannot reach %s: %s", e.URL, netfail.Message(e.Err, u, e.timeout()))
	}
	return fmt.Sprintf("cannot reach %s: %v", e.URL, e.Err)
}

// Explain says why for a person at the desktop, with what to check
// (netfail.Explain): "nothing answers at 127.0.0.1:9 (connection
// refused). Check the address and that the server is running."
func (e *NetworkError) Explain() string { return netfail.Explain(e.Err, e.url(), e.timeout()) }

// Kind is netfail's kind of the failure: network, tls (a certificate, or
// http and https mixed up: the server answered) or timeout.
func (e *NetworkError) Kind() string { return netfail.Kind(e.Err, e.url()) }

// url is the server's URL, or one naming it as the host when it does not parse.
func (e *NetworkError) url() *url.URL {
	if u, err := url.Parse(e.URL); err == nil {
		return u
	}
	return &url.URL{Host: e.URL}
}

func (e *NetworkError) timeout() time.Duration {
	if e.Timeout > 0 {
		return e.Timeout
	}
	return Timeout
}

func (e *NetworkError) Unwrap() []error { return []error{ErrUnreachable, e.Err} }

// TimeoutError is a request whose caller's deadline passed before the
// server answered. Unlike a NetworkError it is not ErrUnreachable: the
// request may have reached the server, which may have done what it asked.
type TimeoutError struct {
	URL   string
	After time.Duration // how long the request had
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("the server at %s did not answer within %s", e.URL, netfail.Duration(e.After))
}

// Explain says it as NetworkError.Explain does.
func (e *TimeoutError) Explain() string {
	return (&NetworkError{URL: e.URL, Err: context.DeadlineExceeded, Timeout: e.After}).Explain()
}

func (e *TimeoutError) Unwrap() error { return context.DeadlineExceeded }

// Client talks to one Keydesk server with one key.
type Client struct {
	base string
	key  string
	http *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the default HTTP client (30 s timeout).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// Timeout bounds each request to a server.
const Timeout = 30 * time.Second

// ParseServerURL checks the address of a Keydesk server: http(s), a host,
// perhaps a path (a proxy may serve it under one), nothing else. Its error
// is a rule that reads after "server URL": "must …".
func ParseServerURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		if !strings.Contains(raw, "://") && raw != "" {
			return nil, fmt.Errorf("must start with https:// (or http://), such as https://keys.example.com; got %q", raw)
		}
		return nil, fmt.Errorf("must look like https://keys.example.com, got %q", raw)
	}
	// A password in the URL would be stored with a login and printed with
	// the server's address; the key is the only credential a request sends.
	if u.User != nil {
		return nil, errors.New("must not contain a user name or password (user:password@): the API key is the only credential Keydesk sends")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, fmt.Errorf("must be the server's address alone, without a query (?…) or fragment (#…), such as https://keys.example.com; got %q", raw)
	}
	if path := u.EscapedPath(); path == "/v1" || strings.HasSuffix(path, "/v1") || strings.Contains(path, "/v1/") {
		base := *u
		base.Path, base.RawPath = path[:strings.Index(path, "/v1")], ""
		return nil, fmt.Errorf("must be the server's address without /v1 (Keydesk adds the API's paths): use %q", base.String())
	}
	return u, nil
}

// New returns a client for the server at baseURL, authenticating with key.
func New(baseURL, key string, opts ...Option) (*Client, error) {
	u, err := ParseServerURL(baseURL)
	if err != nil {
		return nil, fmt.Errorf("server URL %w", err)
	}
	c := &Client{base: u.String(), key: key, http: &http.Client{Timeout: Timeout}}
	for _, o := range opts {
		o(c)
	}
	// A copy, so that a caller's client keeps its own redirect policy.
	h := *c.http
	h.CheckRedirect = sameOriginOnly(u)
	c.http = &h
	return c, nil
}

// sameOriginOnly follows redirects within the server's own scheme and host
// and stops at any other: the key would go with the request, and Go only
// drops the Authorization header, not every header a server might be sent.
func sameOriginOnly(base *url.URL) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != base.Scheme || req.URL.Host != base.Host {
			return http.ErrUseLastResponse
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// BaseURL is the server's URL without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	// Whether the request reached the server: a timeout after that may
	// have left it done, which "cannot be reached" would deny.
	var wrote atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	}))
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		// The time the request had ("30 seconds", not "30.002 seconds"); a
		// request that had none was never sent, and gets ctx's error.
		deadline, _ := ctx.Deadline()
		if had := deadline.Sub(start); errors.Is(ctx.Err(), context.DeadlineExceeded) && had > 0 {
			return &TimeoutError{URL: c.base, After: had}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The client's own limit (Timeout) ran out while the server had
		// the request.
		var ne net.Error
		if wrote.Load() && errors.As(err, &ne) && ne.Timeout() {
			return &TimeoutError{URL: c.base, After: c.http.Timeout}
		}
		return &NetworkError{URL: c.base, Err: unwrapURLError(err), Timeout: c.http.Timeout}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return fmt.Errorf("the server at %s redirected to %s, another address: Keydesk does not send the key there; if that is the server, use its URL (HTTP %d)",
			c.base, resp.Header.Get("Location"), resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &NetworkError{URL: c.base, Err: err, Timeout: c.http.Timeout}
	}
	if resp.StatusCode >= 400 {
		e := &Error{Status: resp.StatusCode}
		if json.Unmarshal(data, &e.Problem) != nil || e.Problem.Status == 0 {
			// An http:// URL to an HTTPS port: a wrong address, not an answer.
			if netfail.PlainHTTPToTLS(resp.StatusCode, data) {
				return &NetworkError{URL: c.base, Err: netfail.ErrPlainHTTPToTLS, Timeout: c.http.Timeout}
			}
			e.Problem = api.Problem{Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode)}
		}
		return e
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return c.notKeydesk(fmt.Sprintf("%s (HTTP %d)", bodyKind(data), resp.StatusCode))
	}
	return nil
}

// bodyKind says what an answer that is not Keydesk JSON is, in words: the
// decoder's ("invalid character '<' looking for beginning of value") mean
// nothing to a user.
func bodyKind(data []byte) string {
	text := bytes.TrimSpace(data)
	switch {
	case len(text) == 0:
		return "an empty answer"
	case text[0] == '<':
		return "an HTML page"
	case json.Valid(text):
		return "JSON of another shape"
	case text[0] == '{' || text[0] == '[':
		return "JSON that is cut short or broken"
	}
	return "text that is not JSON"
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Health calls GET /healthz.
func (c *Client) Health(ctx context.Context) (api.Health, error) {
	var out api.Health
	return out, c.do(ctx, http.MethodGet, "/healthz", nil, &out)
}

// WhoAmI describes the client's key.
func (c *Client) WhoAmI(ctx context.Context) (api.WhoAmI, error) {
	var out api.WhoAmI
	if err := c.do(ctx, http.MethodGet, "/v1/whoami", nil, &out); err != nil {
		return out, err
	}
	if out.KeyID == "" || out.WorkspaceID == "" || out.Role == "" {
		return api.WhoAmI{}, c.notKeydesk("whoami has no keyId, workspaceId or role")
	}
	return out, nil
}

// notKeydesk is the error of an answer that cannot be a Keydesk server's:
// a proxy or another service on that address. Acting on it (say,
// mirroring an empty key list) would lose data.
func (c *Client) notKeydesk(what string) error {
	return fmt.Errorf("the server at %s sent a response that is not Keydesk JSON: %s", c.base, what)
}

// Verify asks whether secret is a valid key.
func (c *Client) Verify(ctx context.Context, secret string) (api.VerifyResponse, error) {
	var out api.VerifyResponse
	return out, c.do(ctx, http.MethodPost, "/v1/keys/verify", api.VerifyRequest{Key: secret}, &out)
}

// ListParams selects a page of keys.
type ListParams struct {
	PageIndex    int
	PageSize     int
	Status       string
	Query        string
	Sort         string
	UpdatedSince *int64
}

func (p ListParams) encode() string {
	v := url.Values{}
	v.Set("pageIndex", strconv.Itoa(p.PageIndex))
	if p.PageSize > 0 {
		v.Set("pageSize", strconv.Itoa(p.PageSize))
	}
	if p.Status != "" {
		v.Set("status", p.Status)
	}
	if p.Query != "" {
		v.Set("q", p.Query)
	}
	if p.Sort != "" {
		v.Set("sort", p.Sort)
	}
	if p.UpdatedSince != nil {
		v.Set("updatedSince", strconv.FormatInt(*p.UpdatedSince, 10))
	}
	return v.Encode()
}

func keysPath(workspaceID string) string {
	return "/v1/workspaces/" + url.PathEscape(workspaceID) + "/keys"
}

// ListKeys returns one page of a workspace's keys.
func (c *Client) ListKeys(ctx context.Context, workspaceID string, p ListParams) (api.KeyList, error) {
	var out api.KeyList
	if err := c.do(ctx, http.MethodGet, keysPath(workspaceID)+"?"+p.encode(), nil, &out); err != nil {
		return out, err
	}
	// A Keydesk server always sends items (an empty list is []) and every
	// workspace has a revision: its first admin key made one.
	if out.Items == nil || out.Revision < 1 || out.Total < int64(len(out.Items)) {
		return api.KeyList{}, c.notKeydesk("a key list without items or revision")
	}
	for _, k := range out.Items {
		if k.ID == "" || k.Revision < 1 {
			return api.KeyList{}, c.notKeydesk("a key without id or revision")
		}
	}
	return out, nil
}

// CreateKey creates a key; the result holds its secret, shown once.
func (c *Client) CreateKey(ctx context.Context, workspaceID string, req api.CreateKeyRequest) (api.CreatedKey, error) {
	var out api.CreatedKey
	err := c.do(ctx, http.MethodPost, keysPath(workspaceID), req, &out)
	return c.created(out, err)
}

// created checks that an answer with a new secret has the key and the
// secret: showing "created" with no secret would lose it for good. rotated
// does the same for a rotation.
func (c *Client) created(out api.CreatedKey, err error) (api.CreatedKey, error) {
	if err == nil && (out.Key.ID == "" || out.Secret == "") {
		return api.CreatedKey{}, c.notKeydesk("a new key without id or secret")
	}
	return out, err
}

func (c *Client) rotated(out api.RotatedKey, err error) (api.RotatedKey, error) {
	if err == nil && (out.Key.ID == "" || out.Secret == "" || out.Previous.ID == "") {
		return api.RotatedKey{}, c.notKeydesk("a rotation without the new key, its secret or the previous key")
	}
	return out, err
}

// GetKey returns one key.
func (c *Client) GetKey(ctx context.Context, workspaceID, keyID string) (api.Key, error) {
	var out api.Key
	return out, c.do(ctx, http.MethodGet, keysPath(workspaceID)+"/"+url.PathEscape(keyID), nil, &out)
}

// DeleteKey deletes a key at once.
func (c *Client) DeleteKey(ctx context.Context, workspaceID, keyID string) error {
	return c.do(ctx, http.MethodDelete, keysPath(workspaceID)+"/"+url.PathEscape(keyID), nil, nil)
}

// PatchKey changes a key's name, enabled flag or profile.
func (c *Client) PatchKey(ctx context.Context, workspaceID, keyID string, req api.PatchKeyRequest) (api.Key, error) {
	var out api.Key
	return out, c.do(ctx, http.MethodPatch, keysPath(workspaceID)+"/"+url.PathEscape(keyID), req, &out)
}

// RegenerateKey gives a key a new secret; the old one stops working at once.
func (c *Client) RegenerateKey(ctx context.Context, workspaceID, keyID string, req api.RegenerateRequest) (api.CreatedKey, error) {
	var out api.CreatedKey
	err := c.do(ctx, http.MethodPost, keysPath(workspaceID)+"/"+url.PathEscape(keyID)+"/regenerate", req, &out)
	return c.created(out, err)
}

// RotateKey creates a successor and keeps the old key for the overlap.
func (c *Client) RotateKey(ctx context.Context, workspaceID, keyID string, req api.RotateRequest) (api.RotatedKey, error) {
	var out api.RotatedKey
	err := c.do(ctx, http.MethodPost, keysPath(workspaceID)+"/"+url.PathEscape(keyID)+"/rotate", req, &out)
	return c.rotated(out, err)
}

// SelfRotate rotates the client's own key.
func (c *Client) SelfRotate(ctx context.Context, req api.RotateRequest) (api.RotatedKey, error) {
	var out api.RotatedKey
	err := c.do(ctx, http.MethodPost, "/v1/self/rotate", req, &out)
	return c.rotated(out, err)
}

// CleanupCounts says how many keys each clean-up choice would delete.
func (c *Client) CleanupCounts(ctx context.Context, workspaceID string) (api.CleanupCounts, error) {
	var out api.CleanupCounts
	return out, c.do(ctx, http.MethodGet, keysPath(workspaceID)+"/cleanup", nil, &out)
}

// Cleanup deletes expired and/or revoked keys.
func (c *Client) Cleanup(ctx context.Context, workspaceID string, req api.CleanupRequest) (api.CleanupResult, error) {
	var out api.CleanupResult
	return out, c.do(ctx, http.MethodPost, keysPath(workspaceID)+"/cleanup", req, &out)
}

// Profiles lists a workspace's profiles.
func (c *Client) Profiles(ctx context.Context, workspaceID string) (api.ProfileList, error) {
	var out api.ProfileList
	return out, c.do(ctx, http.MethodGet, profilesPath(workspaceID), nil, &out)
}

func profilesPath(workspaceID string) string {
	return "/v1/workspaces/" + url.PathEscape(workspaceID) + "/profiles"
}

// CreateProfile creates a profile.
func (c *Client) CreateProfile(ctx context.Context, workspaceID string, req api.ProfileRequest) (api.Profile, error) {
	var out api.Profile
	return out, c.do(ctx, http.MethodPost, profilesPath(workspaceID), req, &out)
}

// PatchProfile changes the fields of a profile that req sets.
func (c *Client) PatchProfile(ctx context.Context, workspaceID, id string, req api.ProfileRequest) (api.Profile, error) {
	var out api.Profile
	return out, c.do(ctx, http.MethodPatch, profilesPath(workspaceID)+"/"+url.PathEscape(id), req, &out)
}

// DeleteProfile deletes a profile; onKeys ("", "detach" or "delete") says
// what happens to the keys that use it ("" refuses when there are any).
// expectKeys, when not negative, is how many keys the user was shown: the
// server refuses (409) if another number of keys uses the profile.
func (c *Client) DeleteProfile(ctx context.Context, workspaceID, id, onKeys string, expectKeys int) error {
	q := url.Values{}
	if onKeys != "" {
		q.Set("keys", onKeys)
	}
	if expectKeys >= 0 {
		q.Set("expectKeys", strconv.Itoa(expectKeys))
	}
	path := profilesPath(workspaceID) + "/" + url.PathEscape(id)
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return c.do(ctx, http.MethodDelete, path, nil, nil)
}

// Audit returns a page of the audit log, newest first.
func (c *Client) Audit(ctx context.Context, workspaceID, keyID, action string, pageIndex, pageSize int) (api.AuditList, error) {
	v := url.Values{"pageIndex": {strconv.Itoa(pageIndex)}, "pageSize": {strconv.Itoa(pageSize)}}
	if keyID != "" {
		v.Set("keyId", keyID)
	}
	if action != "" {
		v.Set("action", action)
	}
	var out api.AuditList
	return out, c.do(ctx, http.MethodGet, "/v1/workspaces/"+url.PathEscape(workspaceID)+"/audit?"+v.Encode(), nil, &out)
}

// Usage returns a key's daily use over the last days.
func (c *Client) Usage(ctx context.Context, workspaceID, keyID string, days int) (api.Usage, error) {
	v := url.Values{"keyId": {keyID}, "days": {strconv.Itoa(days)}}
	var out api.Usage
	return out, c.do(ctx, http.MethodGet, "/v1/workspaces/"+url.PathEscape(workspaceID)+"/usage?"+v.Encode(), nil, &out)
}

// Cleartext says whether a server URL would carry a key unencrypted across
// a network: plain http:// to a host other than this computer.
func Cleartext(serverURL string) bool {
	u, err := url.Parse(serverURL)
	if err != nil || u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}
