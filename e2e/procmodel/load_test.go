package procmodel

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// loadStats counts what clients saw while the proxy reloaded.
type loadStats struct {
	requests, failed, connErrors, resets atomic.Int64
	slowOK, slowFailed                   atomic.Int64
	firstErr                             atomic.Value
}

func (s *loadStats) record(err error, code int, client string) {
	s.requests.Add(1)
	switch {
	case err == nil && code == 200:
		return
	case errors.Is(err, syscall.ECONNREFUSED):
		s.connErrors.Add(1)
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE):
		s.resets.Add(1)
	default:
		s.failed.Add(1)
	}
	if err == nil {
		err = errors.New("status " + strconv.Itoa(code))
	}
	s.firstErr.CompareAndSwap(nil, client+": "+err.Error())
}

func (s *loadStats) rows() [][3]string {
	f := func(v int64) string { return strconv.FormatInt(v, 10) }
	return [][3]string{
		{"requests", f(s.requests.Load()), ""},
		{"failed requests", f(s.failed.Load()), ""},
		{"connection errors", f(s.connErrors.Load()), ""},
		{"resets", f(s.resets.Load()), ""},
		{"2 s requests completed", f(s.slowOK.Load()) + "/" + f(s.slowOK.Load()+s.slowFailed.Load()), ""},
	}
}

// runLoad keeps n clients busy until ctx ends: half reuse their
// connection (keep-alive), half open a new one per request. Each waits
// a little between requests: the machine is shared.
func runLoad(ctx context.Context, addr string, n int, s *loadStats) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		kind := "keep-alive client"
		if i%2 == 1 {
			kind = "client opening a connection per request"
		}
		tr := &http.Transport{DisableKeepAlives: i%2 == 1, MaxIdleConnsPerHost: 1,
			DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
		c := &http.Client{Transport: tr, Timeout: 15 * time.Second}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer tr.CloseIdleConnections()
			for ctx.Err() == nil {
				r, err := c.Get("http://" + addr + "/")
				code := 0
				if err == nil {
					_, err = io.Copy(io.Discard, r.Body)
					r.Body.Close()
					code = r.StatusCode
				}
				s.record(err, code, kind)
				time.Sleep(10 * time.Millisecond)
			}
		}()
	}
	return &wg
}

// slow sends a request the back end answers after 2 s: it must complete
// whatever reloads happen meanwhile.
func slow(addr string, s *loadStats, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		code, _, err := get("http://" + addr + "/slow")
		if err == nil && code == 200 {
			s.slowOK.Add(1)
		} else {
			s.slowFailed.Add(1)
		}
	}()
}
