package logs

import "testing"

func TestExplain(t *testing.T) {
	real := `<6>127.0.0.1:PORT [DATE] fe be/s1 T/T/-1/-1/T 503 217 - - SC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1" 0/-/-/-/0 -/-/-`
	for ours, isKnown := range map[string]bool{
		// httpslog's fc_err and ssl_* fetches
		`<6>127.0.0.1:PORT [DATE] fe be/s1 T/T/-1/-1/T 503 217 - - SC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1" -/-/-/-/- -/-/-`: true,
		// %fc one above: 2.6 counts accepted connections only, so do we
		`<6>127.0.0.1:PORT [DATE] fe be/s1 T/T/-1/-1/T 503 217 - - SC-- 1/2/0/0/3 0/0 "GET / HTTP/1.1" 0/-/-/-/0 -/-/-`: false,
		`<6>127.0.0.1:PORT [DATE] fe be/s1 T/T/-1/-1/T 503 217 - - SC-- 2/1/0/0/3 0/0 "GET / HTTP/1.1" 0/-/-/-/0 -/-/-`: false,
		// a known field and an unknown one
		`<6>127.0.0.1:PORT [DATE] fe be/s1 T/T/-1/-1/T 503 218 - - SC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1" -/-/-/-/- -/-/-`: false,
		``: false,
	} {
		if got := explain(real, ours) != ""; got != isKnown {
			t.Errorf("explain(%q) known = %v, want %v", ours, got, isKnown)
		}
	}
	clf := `127.0.0.1 - - [DATE] "GET / HTTP/1.1" 200 91 "" "" PORT MS "f" "b" "s" T T T T T ---- 1 1 0 0 0 0 0`
	if explain(clf, `127.0.0.1 - - [DATE] "GET / HTTP/1.1" 200 91 "" "" PORT MS "f" "b" "s" T T T T T ---- 1 2 0 0 0 0 0`) != "" {
		t.Error("clf: a different fc is explained")
	}
}

func TestExplainKeepsSpaces(t *testing.T) {
	real := `C 127.0.0.1 HTTP/1.1 7F000001:A637_0024 36 x`
	if explain(real, `C 127.0.0.1 HTTP/1.1  7F000001:A637_0020 32 x`) != "" {
		t.Error("a space too many is explained")
	}
	if explain(real, `C 127.0.0.1 HTTP/1.1 7F000001:A637_0020 32 x`) == "" {
		t.Error("the %rt difference is not explained")
	}
}
