package server

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/keydesk/keydesk/backend/api"
)

// failureLimiter rate-limits failed verifications and authentications per
// client address: a token bucket per address that only failures drain, so
// a client with a good key is never slowed down.
type failureLimiter struct {
	mu      sync.Mutex
	perSec  rate.Limit
	burst   int
	buckets map[string]*bucket
	lastGC  time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newFailureLimiter(perMinute, burst int) *failureLimiter {
	return &failureLimiter{perSec: rate.Limit(float64(perMinute) / 60), burst: burst, buckets: map[string]*bucket{}}
}

func (f *failureLimiter) get(ip string, now time.Time) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	if now.Sub(f.lastGC) > time.Minute {
		for k, b := range f.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(f.buckets, k)
			}
		}
		f.lastGC = now
	}
	b, ok := f.buckets[ip]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(f.perSec, f.burst)}
		f.buckets[ip] = b
	}
	b.seen = now
	return b.lim
}

// retryAfter says how long an address must wait, or 0 when it may go on.
func (f *failureLimiter) retryAfter(ip string, now time.Time) time.Duration {
	lim := f.get(ip, now)
	if lim.TokensAt(now) >= 1 {
		return 0
	}
	return time.Duration(float64(time.Second) * (1 - lim.TokensAt(now)) / float64(f.perSec))
}

// fail drains one token of the address.
func (f *failureLimiter) fail(ip string, now time.Time) {
	f.get(ip, now).AllowN(now, 1)
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func tooManyFailures(wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return &apiError{
		status: http.StatusTooManyRequests, code: api.CodeTooManyRequests, retryAfter: secs,
		detail: "too many failed verifications from this address: try again in " + strconv.Itoa(secs) + " s",
	}
}
