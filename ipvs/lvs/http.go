package lvs

import "bytes"

// HTTP status codes keepalived accepts at all (HTTP_STATUS_CODE_MIN/MAX).
const (
	httpStatusMin = 100
	httpStatusMax = 599
)

// epilog methods of check_http.c.
type httpMethod int

const (
	// httpNew: the url passed; go on with the next.
	httpNew httpMethod = iota
	// httpRetry: the url failed while the checker is up.
	httpRetry
	// httpFailed: the url failed again while the checker is down.
	httpFailed
)

// httpDone is the end of one url's fetch (http_check_thread(),
// http_read_thread() and http_handle_response()).
func (c *core) httpDone(ck *checker, i int, r Result) {
	if r.Outcome == Local {
		if r.Msg != "" {
			c.logf("%s", r.Msg)
		}
		if r.Socket {
			c.logf("WEB connection fail to create socket. Rescheduling.")
		} else {
			c.logf("WEB socket bind failed. Rescheduling")
		}
		c.after(ck, ck.cfg.DelayLoop)
		return
	}
	if r.Outcome != Success {
		c.httpTimeoutEpilog(ck, r.Msg)
		return
	}
	url := ck.cfg.HTTP.URLs[i]
	resp := r.HTTP
	if resp == nil || !resp.Extracted {
		c.httpTimeoutEpilog(ck, "Read, no data received from ")
		return
	}
	if resp.StatusCode < httpStatusMin || resp.StatusCode > httpStatusMax || !url.Accepts(resp.StatusCode) {
		c.httpTimeoutEpilog(ck, "HTTP status code error to")
		return
	}
	// A length mismatch is reported the first time this difference is
	// seen.
	if resp.ContentLength >= 0 && resp.ContentLength != resp.RxBytes {
		if d := resp.ContentLength - resp.RxBytes; ck.http.lenMismatch[i] != d {
			c.logf("http_check for RS %s VS %s url %s%s: content_length (%d) does not match received bytes (%d)",
				chk(ck), ck.vs.cfg, url.VirtualHost, url.Path, resp.ContentLength, resp.RxBytes)
			ck.http.lenMismatch[i] = d
		}
	} else {
		ck.http.lenMismatch[i] = 0
	}
	msg := "HTTP status code"
	if url.Digest != nil {
		if !bytes.Equal(url.Digest, resp.Digest) {
			c.httpTimeoutEpilog(ck, "MD5 digest error to")
			return
		}
		msg = "MD5 digest"
	}
	if url.Regex != nil {
		if resp.RegexMatched == url.RegexNoMatch {
			c.httpTimeoutEpilog(ck, "Regex match failed")
			return
		}
		msg = "Regex match"
	}
	if !ck.isUp {
		c.logf("%s success to %s url(%s)", msg, chk(ck), url.Path)
	}
	c.httpEpilog(ck, httpNew)
}

// httpTimeoutEpilog is timeout_epilog(): a failure counts as a retry
// while the checker is up; once down, the failed url is tried again.
func (c *core) httpTimeoutEpilog(ck *checker, msg string) {
	if ck.isUp || !ck.hasRun {
		if c.logAll(ck) {
			c.logf("%s server %s.", msg, chk(ck))
		}
		ck.hasRun = true
		c.httpEpilog(ck, httpRetry)
		return
	}
	c.httpEpilog(ck, httpFailed)
}

// httpEpilog is check_http.c's epilog(): every url is fetched in turn,
// delay_loop apart; a failing url is retried retry times,
// delay_before_retry apart, then fails the checker and is the only one
// tried (at the longer of the two delays) until it passes again, after
// which all the urls are fetched again before the checker is up
// (keepalived.conf(5) fast_recovery skips those delays).
func (c *core) httpEpilog(ck *checker, m httpMethod) {
	h, cfg := ck.http, ck.cfg
	n := len(cfg.HTTP.URLs)
	switch m {
	case httpNew:
		if h.url == n-1 {
			h.url = -1
		} else {
			h.url++
		}
		ck.retryIt = 0
	case httpRetry:
		ck.retryIt++
	}
	switch {
	case m == httpNew && h.url < 0 && h.failedURL < 0:
		// All the urls passed.
		if !ck.isUp || !ck.hasRun {
			c.logf("Remote Web server %s succeed on service.", chk(ck))
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(true, ck)
			if !wasUp {
				c.checkerAlert(ck, wasAlive, "=> CHECK succeed on service <=")
			}
			ck.hasRun = true
		}
		h.url = 0
		ck.retryIt = 0
	case m == httpRetry && ck.retryIt > cfg.Retry:
		if ck.isUp || !ck.hasRun {
			if ck.hasRun && cfg.Retry > 0 {
				c.logf("HTTP_CHECK on service %s failed after %d retries.", chk(ck), ck.retryIt-1)
			} else {
				c.logf("HTTP_CHECK on service %s failed.", chk(ck))
			}
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(false, ck)
			if wasUp {
				c.checkerAlert(ck, wasAlive, "=> CHECK failed on service : HTTP request failed <=")
			}
		}
		h.failedURL = h.url
	case m == httpNew && h.failedURL >= 0:
		// The failed url passes again: check them all.
		h.failedURL = -1
		h.url = 0
		ck.retryIt = 0
	}
	delay := cfg.DelayBeforeRetry
	switch {
	case m == httpNew:
		delay = cfg.DelayLoop
		if !ck.hasRun {
			ck.retryIt = cfg.Retry
		}
	case h.failedURL >= 0:
		delay = max(cfg.DelayBeforeRetry, cfg.DelayLoop)
	}
	if cfg.HTTP.FastRecovery && (!ck.hasRun || (!ck.isUp && h.failedURL < 0)) {
		delay = 0
	}
	c.after(ck, delay)
}
