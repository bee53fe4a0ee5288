package httpretry

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Policy says how patiently to retry: Attempts in all, waiting Base, then
// twice as long each time, at most Max. A Retry-After is waited for when it
// is within Max; a longer one fails at once, saying so.
type Policy struct {
	Attempts  int
	Base, Max time.Duration
}

// Classify says why a response (or a failed round trip) is worth another
// try, "" when it is not, and how long the service asked to wait (0 when it
// did not say, AsLongAsAllowed for "long").
type Classify func(ctx context.Context, resp *http.Response, err error) (after time.Duration, why string)

// AsLongAsAllowed asks for the longest wait the Policy allows.
const AsLongAsAllowed = time.Duration(math.MaxInt64)

// Transport retries round trips of Next (nil: http.DefaultTransport).
type Transport struct {
	Next     http.RoundTripper
	Policy   Policy
	Service  string   // names the service in messages: "GitHub", "the LLM server"
	Classify Classify // nil: Retryable
	Logf     func(format string, args ...any)
	// Replay sends a POST again after a failure the service may have acted
	// on (a 5xx, a dropped connection): for a service where that does no
	// harm (a model's completion), not where it does twice what was asked
	// (a comment, a pull request). Refusals that say nothing was done (a
	// rate limit) are retried either way.
	Replay bool
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	next, classify := t.Next, t.Classify
	if next == nil {
		next = http.DefaultTransport
	}
	if classify == nil {
		classify = Retryable
	}
	for attempt := 1; ; attempt++ {
		r := req
		if attempt > 1 && req.Body != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(req.Context())
			r.Body = body
		}
		resp, err := next.RoundTrip(r)
		after, why := classify(req.Context(), resp, err)
		if why == "" || attempt >= t.Policy.Attempts || (req.Body != nil && req.GetBody == nil) || (req.Method == http.MethodPost && !t.Replay && (resp == nil || resp.StatusCode >= 500)) {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
		}
		d, ok := t.Policy.Delay(attempt, after)
		if !ok {
			return nil, fmt.Errorf("%s %s: %s and %s asks to wait %s, longer than kunerva waits (%s)", req.Method, req.URL.Path, why, t.Service, after, t.Policy.Max)
		}
		if t.Logf != nil {
			t.Logf("%s: %s %s: %s; retrying in %s (attempt %d of %d)", t.Service, req.Method, req.URL.Path, why, d, attempt+1, t.Policy.Attempts)
		}
		if err := Sleep(req.Context(), d); err != nil {
			return nil, err
		}
	}
}

// Delay is how long to wait after the attempt (counted from 1) failed: Base,
// twice as long after each further attempt, at most Max. A wait the service
// asked for (after, when not 0) is waited instead, unless it is longer than
// Max (ok false); AsLongAsAllowed waits Max.
func (p Policy) Delay(attempt int, after time.Duration) (d time.Duration, ok bool) {
	switch {
	case after == AsLongAsAllowed:
		return p.Max, true
	case after > p.Max:
		return 0, false
	case after > 0:
		return after, true
	}
	d = p.Base
	for i := 1; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max), true
}

// Sleep waits d, or until ctx ends (its error).
func Sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// Retryable retries failed connections, server errors (5xx) and rate limits
// (429), honouring Retry-After.
func Retryable(ctx context.Context, resp *http.Response, err error) (time.Duration, string) {
	if err != nil {
		if ctx.Err() != nil {
			return 0, ""
		}
		return 0, "the connection failed"
	}
	switch c := resp.StatusCode; {
	case c >= 500:
		return RetryAfter(resp.Header), fmt.Sprintf("status %d", c)
	case c == http.StatusTooManyRequests:
		return RetryAfter(resp.Header), "rate limited (429)"
	}
	return 0, ""
}

// RetryAfter reads a Retry-After header, in seconds or as an HTTP date; 0
// when there is none.
func RetryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(s)*time.Second, time.Millisecond)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), time.Millisecond)
	}
	return 0
}
