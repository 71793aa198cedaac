// Package keytest is Keydesk's one-click key test: it builds the request a
// key would make, sends it with a timeout, measures it, keeps what came
// back, and renders the exact cURL command (the secret masked unless asked).
// Failures of the network — DNS, refused, TLS, timeouts, redirects — are
// results with plain words, not errors.
package keytest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/netfail"
)

// Limits of a test.
const (
	DefaultTimeout = 10 * time.Second
	MaxBodyBytes   = 1 << 20 // the body kept for "Copy full JSON"
	PreviewChars   = 800
)

// Auth schemes: where the secret goes.
const (
	AuthBearer = "bearer" // Authorization: Bearer <secret>
	AuthHeader = "header" // <Name>: <secret>
	AuthQuery  = "query"  // ?<Name>=<secret>
)

// Target is what a test calls.
type Target struct {
	Method string `json:"method"`
	URL    string `json:"url"`  // may use {server}, {workspace}, {keyId}
	Auth   string `json:"auth"` // bearer, header or query
	Name   string `json:"name"` // header or query parameter name
}

// DefaultTarget is the call that proves a key works: listing keys for admin
// and member keys, whoami for api keys (which may not list).
func DefaultTarget(role string) Target {
	if role == string(keys.RoleAPI) || role == "" {
		return Target{Method: http.MethodGet, URL: "{server}/v1/whoami", Auth: AuthBearer}
	}
	return Target{Method: http.MethodGet, URL: "{server}/v1/workspaces/{workspace}/keys?pageIndex=0&pageSize=5", Auth: AuthBearer}
}

// Request is one test.
type Request struct {
	Target     Target
	Server     string // base URL for {server}
	Workspace  string // for {workspace}
	KeyID      string // for {keyId}
	Secret     string
	Timeout    time.Duration // DefaultTimeout when 0
	HTTPClient *http.Client  // its Transport is used; redirects are never followed
}

// Error kinds of a result: the network's (netfail), and the key test's own.
const (
	KindDNS      = netfail.KindDNS
	KindRefused  = netfail.KindRefused
	KindTLS      = netfail.KindTLS
	KindTimeout  = netfail.KindTimeout
	KindNetwork  = netfail.KindNetwork
	KindRedirect = "redirect"
	KindInvalid  = "invalid" // the target itself is wrong
)

// Result is what a test found. It never holds the secret: the URL and the
// cURL command are masked.
type Result struct {
	At            time.Time         `json:"at"`
	Method        string            `json:"method"`
	URL           string            `json:"url"` // masked
	Status        int               `json:"status"`
	StatusText    string            `json:"statusText"`
	DurationMs    int64             `json:"durationMs"`
	Headers       map[string]string `json:"headers,omitempty"`
	ContentType   string            `json:"contentType,omitempty"`
	Body          string            `json:"body,omitempty"` // up to 1 MiB
	BodyBytes     int64             `json:"bodyBytes"`
	BodyTruncated bool              `json:"bodyTruncated"`
	IsJSON        bool              `json:"isJson"`
	Preview       string            `json:"preview,omitempty"` // first 800 characters, pretty JSON
	Curl          string            `json:"curl"`              // secret masked
	Error         string            `json:"error,omitempty"`   // plain words, when no response came
	ErrorKind     string            `json:"errorKind,omitempty"`
	Location      string            `json:"location,omitempty"` // of a redirect
}

// OK reports a 2xx answer.
func (r Result) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Run performs the test.
func Run(ctx context.Context, req Request) Result {
	res := Result{At: time.Now().UTC(), Method: method(req.Target)}
	target, err := req.url()
	if err != nil {
		res.Error, res.ErrorKind = err.Error(), KindInvalid
		return res
	}
	res.URL = req.redact(target.String())
	res.Curl = req.Curl(false)
	httpReq, err := http.NewRequestWithContext(ctx, res.Method, target.String(), nil)
	if err != nil {
		res.Error, res.ErrorKind = "the request cannot be built: "+req.redact(err.Error()), KindInvalid
		return res
	}
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set("User-Agent", "Keydesk key test")
	switch req.Target.Auth {
	case AuthHeader:
		httpReq.Header.Set(req.Target.Name, req.Secret)
	case AuthQuery:
	default:
		httpReq.Header.Set("Authorization", "Bearer "+req.Secret)
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	hc := &http.Client{Timeout: timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if req.HTTPClient != nil {
		hc.Transport = req.HTTPClient.Transport
	}
	start := time.Now()
	resp, err := hc.Do(httpReq)
	if err != nil {
		res.DurationMs = time.Since(start).Milliseconds()
		res.ErrorKind, res.Error = netfail.Describe(err, target, timeout)
		res.Error = req.redact(res.Error)
		return res
	}
	defer resp.Body.Close()
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	// The rest is counted but not kept.
	rest, _ := io.Copy(io.Discard, resp.Body)
	res.DurationMs = time.Since(start).Milliseconds()
	res.Status, res.StatusText = resp.StatusCode, http.StatusText(resp.StatusCode)
	res.ContentType = resp.Header.Get("Content-Type")
	res.Headers = flatten(resp.Header)
	for k, v := range res.Headers {
		res.Headers[k] = req.mask(v) // a server may echo the key back
	}
	res.BodyBytes = int64(len(body)) + rest
	if len(body) > MaxBodyBytes {
		body, res.BodyTruncated = body[:MaxBodyBytes], true
	}
	if readErr != nil {
		res.ErrorKind, res.Error = netfail.Describe(readErr, target, timeout)
		res.Error = "the answer was cut short: " + req.redact(res.Error)
	}
	res.IsJSON, res.Preview = preview(body, res.ContentType, res.BodyTruncated)
	res.Body, res.Preview = req.mask(toValidUTF8(body)), req.mask(res.Preview)
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		res.Location = req.mask(resp.Header.Get("Location"))
		res.ErrorKind = KindRedirect
		res.Error = fmt.Sprintf("the server redirected (%d) to %s; Keydesk does not follow redirects with a key", resp.StatusCode, res.Location)
	}
	return res
}

func method(t Target) string {
	m := strings.ToUpper(strings.TrimSpace(t.Method))
	if m == "" {
		return http.MethodGet
	}
	return m
}

// placeholder is a {name} in a URL template.
var placeholder = regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_]*\}`)

// url renders the target's URL template.
func (r Request) url() (*url.URL, error) {
	server := strings.TrimRight(r.Server, "/")
	// Whatever follows {server} would land in the server's query or
	// fragment: "http://h#" + "/v1/…" calls http://h/.
	if strings.ContainsAny(server, "?#") && strings.Contains(r.Target.URL, "{server}") {
		return nil, fmt.Errorf("the server URL %q must not have a query (?) or a fragment (#)", server)
	}
	raw := strings.NewReplacer(
		"{server}", server,
		"{workspace}", url.PathEscape(r.Workspace),
		"{keyId}", url.PathEscape(r.KeyID),
	).Replace(strings.TrimSpace(r.Target.URL))
	for _, m := range placeholder.FindAllString(r.Target.URL, -1) {
		if m != "{server}" && m != "{workspace}" && m != "{keyId}" {
			return nil, fmt.Errorf("the test URL has an unknown placeholder %s: it may use {server}, {workspace} and {keyId}", m)
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the test URL must be an http:// or https:// URL, got %s", keys.Quote(raw))
	}
	// A user:password@ would be printed with the cURL command (into CI
	// logs), and "{server}@evil.example" sends the key to evil.example.
	if u.User != nil {
		return nil, fmt.Errorf("the test URL must not hold a user name or password (user:password@), got one for %s", u.Host)
	}
	// A hand-typed query may hold spaces and the like: send (and show) it
	// encoded.
	if q, err := url.ParseQuery(u.RawQuery); err == nil && u.RawQuery != "" {
		u.RawQuery = q.Encode()
	}
	if r.Target.Auth == AuthQuery {
		if r.Target.Name == "" {
			return nil, errors.New("the query parameter that carries the key has no name")
		}
		q := u.Query()
		q.Set(r.Target.Name, r.Secret)
		u.RawQuery = q.Encode()
	}
	if r.Target.Auth == AuthHeader && strings.TrimSpace(r.Target.Name) == "" {
		return nil, errors.New("the header that carries the key has no name")
	}
	return u, nil
}

// masked is what stands for the secret wherever it would be shown.
func (r Request) masked() string {
	if r.Secret == "" {
		return ""
	}
	return keys.Mask(r.Secret)
}

// mask replaces the secret (also URL-encoded) in s.
func (r Request) mask(s string) string {
	if r.Secret == "" {
		return s
	}
	s = strings.ReplaceAll(s, r.Secret, r.masked())
	if esc := url.QueryEscape(r.Secret); esc != r.Secret {
		s = strings.ReplaceAll(s, esc, url.QueryEscape(r.masked()))
	}
	return s
}

// redact is mask, and any other key-shaped text masked too: for what the
// user typed (the URL, a header) and errors about it, not for the
// server's answer, which is shown as it came (the tested key masked).
func (r Request) redact(s string) string { return keys.Redact(r.mask(s)) }

// Curl renders the exact command of the test, quoted for a POSIX shell.
// The secret is masked unless reveal.
func (r Request) Curl(reveal bool) string {
	u, err := r.url()
	if err != nil {
		return ""
	}
	secret := r.Secret
	if !reveal {
		secret = r.masked()
		if r.Target.Auth == AuthQuery {
			u.RawQuery = maskedQuery(u.Query(), r.Target.Name, secret)
		}
	}
	parts := []string{"curl", "-sS"}
	if m := method(r.Target); m != http.MethodGet {
		// Quoted too: a profile's method comes from the server.
		parts = append(parts, "-X", ShellQuote(m))
	}
	parts = append(parts, ShellQuote(u.String()), "-H", ShellQuote("Accept: application/json"))
	switch r.Target.Auth {
	case AuthQuery:
	case AuthHeader:
		parts = append(parts, "-H", ShellQuote(r.Target.Name+": "+secret))
	default:
		parts = append(parts, "-H", ShellQuote("Authorization: Bearer "+secret))
	}
	cmd := strings.Join(parts, " ")
	if !reveal {
		// A key typed into the URL or a header by hand is masked too.
		cmd = r.redact(cmd)
	}
	return cmd
}

// maskedQuery is q as q.Encode() writes it (sorted by name, so in the
// revealed command's order), with name's value the mask as people read it:
// pay_v8iV…ihvI, not pay_v8iV%E2%80%A6ihvI. Only the ASCII a query cannot
// hold is encoded; the mask's … and • stay as they are. The masked command
// is for reading, the revealed one for running.
func maskedQuery(q url.Values, name, masked string) string {
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=")
			if k == name {
				b.WriteString(readableQueryEscape(masked))
			} else {
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}

// readableQueryEscape is url.QueryEscape that leaves non-ASCII characters
// as they are.
func readableQueryEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= utf8.RuneSelf {
			b.WriteRune(c)
		} else {
			b.WriteString(url.QueryEscape(string(c)))
		}
	}
	return b.String()
}

// ShellQuote quotes s for a POSIX shell: in single quotes, where an embedded
// quote closes the quoting, adds an escaped quote and opens it again.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// preview is the first 800 characters of the body, pretty-printed when it
// is JSON.
func preview(body []byte, contentType string, truncated bool) (isJSON bool, out string) {
	// Bytes that are not text (an image, a zip) would show as control
	// characters and replacement marks: say what they are instead.
	if sniffed := http.DetectContentType(body); len(body) > 0 && !strings.HasPrefix(sniffed, "text/") {
		kind := strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0])
		if kind == "" {
			kind = strings.SplitN(sniffed, ";", 2)[0]
		}
		return false, "Binary data (" + kind + "): not shown."
	}
	text := body
	if !truncated && (strings.Contains(contentType, "json") || json.Valid(body)) && json.Valid(body) {
		var pretty bytes.Buffer
		if json.Indent(&pretty, body, "", "  ") == nil {
			isJSON, text = true, pretty.Bytes()
		}
	} else if truncated && strings.Contains(contentType, "json") {
		isJSON = true
	}
	s := toValidUTF8(text)
	if utf8.RuneCountInString(s) > PreviewChars {
		s = string([]rune(s)[:PreviewChars])
	}
	return isJSON, s
}

func toValidUTF8(b []byte) string {
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func flatten(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		out[k] = strings.Join(h[k], ", ")
	}
	return out
}
