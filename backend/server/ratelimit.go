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
// client address: a token bucket per address that only failures drain. A
// good key is answered without asking it, so a client with one is never
// slowed down, even from an address that guesses.
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

// failed counts a failure of the address: it returns answer while the
// address has failures left, and a 429 once it has used them up.
func (f *failureLimiter) failed(ip string, now time.Time, answer error) error {
	lim := f.get(ip, now)
	if lim.AllowN(now, 1) {
		return answer
	}
	wait := time.Duration(float64(time.Second) * (1 - lim.TokensAt(now)) / float64(f.perSec))
	return tooManyFailures(wait)
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
