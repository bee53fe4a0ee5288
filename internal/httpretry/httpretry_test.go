package httpretry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		min, max    time.Duration
	}{
		{"none", "", 0, 0},
		{"seconds", "3", 3 * time.Second, 3 * time.Second},
		{"zero seconds still waits a little", "0", time.Millisecond, time.Millisecond},
		{"a date", time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat), 8 * time.Second, 10 * time.Second},
		{"garbage", "soon", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := RetryAfter(http.Header{"Retry-After": {tc.value}})
			if got < tc.min || got > tc.max {
				t.Errorf("RetryAfter(%q) = %s, want %s..%s", tc.value, got, tc.min, tc.max)
			}
		})
	}
}

// The transport retries 5xx and 429 (waiting as asked), resends the body,
// gives up after the attempts, and fails at once when asked to wait longer
// than Max.
func TestTransport(t *testing.T) {
	for _, tc := range []struct {
		name     string
		replay   bool // POSTs are sent again after a 5xx
		statuses []int
		header   string
		calls    int
		status   int
		err      string
	}{
		{"success", true, []int{200}, "", 1, 200, ""},
		{"a 500, then success", true, []int{500, 200}, "", 2, 200, ""},
		{"a 429 with Retry-After", true, []int{429, 200}, "0", 2, 200, ""},
		{"5xx until the attempts run out", true, []int{502, 503, 500, 200}, "", 3, 500, ""},
		{"a 400 is final", true, []int{400, 200}, "", 1, 400, ""},
		{"Retry-After beyond Max", true, []int{429, 200}, "3600", 1, 0, "asks to wait 1h0m0s, longer than kunerva waits (50ms)"},
		// A POST the service may have carried out is not sent twice.
		{"a 502 to a POST that must not be replayed", false, []int{502, 200}, "", 1, 502, ""},
		{"a 429 to a POST that must not be replayed", false, []int{429, 200}, "0", 2, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				if b := make([]byte, 4); r.ContentLength != 4 {
					t.Errorf("call %d: body of %d bytes, want the 4 sent", i+1, r.ContentLength)
				} else if _, err := r.Body.Read(b); (err != nil && !errors.Is(err, io.EOF)) || string(b) != "ping" {
					t.Errorf("call %d: body %q", i+1, b)
				}
				if tc.header != "" {
					w.Header().Set("Retry-After", tc.header)
				}
				w.WriteHeader(tc.statuses[i])
			}))
			defer srv.Close()
			c := &http.Client{Transport: &Transport{Policy: Policy{Attempts: 3, Base: time.Millisecond, Max: 50 * time.Millisecond}, Service: "the test server", Replay: tc.replay}}
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL, strings.NewReader("ping"))
			resp, err := c.Do(req)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
			} else if err != nil || resp.StatusCode != tc.status {
				t.Fatalf("response %v, error %v: want status %d", resp, err, tc.status)
			}
			if int(n.Load()) != tc.calls {
				t.Errorf("%d calls, want %d", n.Load(), tc.calls)
			}
		})
	}
}

// Delay doubles from Base to at most Max, waits what the service asked
// within Max, refuses a longer ask, and waits Max for AsLongAsAllowed.
func TestDelay(t *testing.T) {
	p := Policy{Attempts: 6, Base: time.Second, Max: 5 * time.Second}
	for _, tc := range []struct {
		attempt int
		after   time.Duration
		want    time.Duration
		ok      bool
	}{
		{1, 0, time.Second, true},
		{2, 0, 2 * time.Second, true},
		{3, 0, 4 * time.Second, true},
		{4, 0, 5 * time.Second, true},
		{40, 0, 5 * time.Second, true},
		{1, 3 * time.Second, 3 * time.Second, true},
		{1, 6 * time.Second, 0, false},
		{3, AsLongAsAllowed, 5 * time.Second, true},
	} {
		if got, ok := p.Delay(tc.attempt, tc.after); got != tc.want || ok != tc.ok {
			t.Errorf("Delay(%d, %s) = %s, %v; want %s, %v", tc.attempt, tc.after, got, ok, tc.want, tc.ok)
		}
	}
}

// Sleep returns the context's error when it ends first.
func TestSleepStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep = %v", err)
	}
}
