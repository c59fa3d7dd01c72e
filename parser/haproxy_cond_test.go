package parser

import (
	"strings"
	"testing"
)

// Every expected value and message below is what Debian's haproxy 2.6.12
// answers to `haproxy -cc EXPR` (exit 0 true, 1 false, 2 error).
func TestEvalHAProxyCond(t *testing.T) {
	t.Setenv("HAKEEP_COND_SET", "x")
	env := CondEnv{Features: haTestFeatures(), Version: "2.6.12-1+deb12u4"}
	tests := []struct {
		expr string
		want bool
		err  string // substring of the error; "-" for an error without message
	}{
		{expr: "", want: false},
		{expr: "1", want: true},
		{expr: "0", want: false},
		{expr: " 1", want: true},
		{expr: "!!1", want: true},
		{expr: "! 0", want: true},
		{expr: "0x10", want: true},
		{expr: "-1", want: true},
		{expr: "010", want: true},
		{expr: "1 && 0 || 1", want: true},
		{expr: "0 || 1 && 0", want: false},
		{expr: "(0) || (1 && (0 || 1))", want: true},
		{expr: "defined(HAKEEP_COND_SET)", want: true},
		{expr: "defined(HAKEEP_COND_UNSET)", want: false},
		{expr: "defined()", want: false},
		{expr: "feature(THREAD)", want: true},
		{expr: "feature(QUIC)", want: false},
		{expr: "feature(THREA)", want: false},
		{expr: "feature()", want: true},
		{expr: "feature", want: true},
		{expr: "streq(a,a) && strneq(a,b)", want: true},
		{expr: "version_atleast(2.6.12)", want: true},
		{expr: "version_atleast(2.6.13)", want: false},
		{expr: "version_atleast(2.6-dev1)", want: true},
		{expr: "version_atleast(x)", want: true},
		{expr: "version_atleast", want: true},
		{expr: "version_before(2.6.12.1)", want: true},
		{expr: "version_atleast(2.6.12-dev3)", want: true},
		{expr: "version_before(2.6.12-rc1)", want: false},
		{expr: "openssl_version_before(3.0.10)", want: true},
		{expr: "openssl_version_atleast(3.0.1)", want: false},
		{expr: "openssl_version_atleast(3.0.0a)", want: true},
		{expr: "openssl_version_atleast(1.1.1w)", want: true},
		{expr: "openssl_version_atleast(1.1.1)", want: true},
		{expr: "openssl_version_atleast(foo)", err: "-"},
		{expr: "openssl_version_atleast(3)", err: "-"},
		{expr: "0 && openssl_version_atleast(3)", want: false},
		{expr: "ssllib_name_startswith(Open)", want: true},
		{expr: "ssllib_name_startswith(OpenSSL 3)", want: true},
		{expr: "ssllib_name_startswith()", want: true},
		{expr: "ssllib_name_startswith(openssl)", want: false},
		{expr: "ssllib_name_startswith(AWS-LC)", want: false},
		{expr: "streq(a)", err: "missing arguments (got 1/2), type 'string' expected in argument 1 of predicate 'streq' used in conditional expression"},
		{expr: "streq(a,b,c)", err: "expected ')' before ',c)' in argument 1 of predicate 'streq' used in conditional expression"},
		{expr: "streq(a\\", err: "failed to parse '\\' after 'a' as type 'string' at position 1 in argument 0 of predicate 'streq' used in conditional expression"},
		{expr: "feature(OPENSSL", err: "expected ')' in argument 1 of predicate 'feature' used in conditional expression"},
		{expr: "feature(", err: "expected ')' in argument 1 of predicate 'feature' used in conditional expression"},
		{expr: "(1", err: "expected ')' after conditional expression '(1'"},
		{expr: "1 1", err: "unexpected character '1' at the end of conditional expression '1 1'"},
		{expr: "1 & 1", err: "unexpected character '&' at the end of conditional expression '1 & 1'"},
		{expr: "08", err: "unexpected character '8' at the end of conditional expression '08'"},
		{expr: "0x", err: "unexpected character 'x' at the end of conditional expression '0x'"},
		{expr: "feature (OPENSSL)", err: "unexpected character '(' at the end of conditional expression 'feature (OPENSSL)'"},
		{expr: "1 &&", err: "unparsable conditional expression '&&'"},
		{expr: "|| 1", err: "unparsable conditional expression '|| 1'"},
		{expr: "0 || ", err: "unparsable conditional expression '0 || '"},
		{expr: "!", err: "unparsable conditional expression '!'"},
		{expr: "()", err: "unparsable conditional expression ')'"},
		{expr: "foo(1)", err: "unparsable conditional expression 'foo(1)'"},
		{expr: "strstr(abc,b)", err: "unparsable conditional expression 'strstr(abc,b)'"},
		{expr: "enabled(POLL)", err: "unparsable conditional expression 'enabled(POLL)'"},
	}
	for _, tt := range tests {
		got, err := EvalHAProxyCond([]string{tt.expr}, env)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: unexpected error %v", tt.expr, err)
		case tt.err == "" && got != tt.want:
			t.Errorf("%q = %v, want %v", tt.expr, got, tt.want)
		case tt.err == "-":
			ce, ok := err.(*CondError)
			if !ok || ce.Msg != "" {
				t.Errorf("%q: got %v, want an error without message", tt.expr, err)
			}
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%q: got error %v, want %q", tt.expr, err, tt.err)
		}
	}
}

// The words are joined back with single spaces, as readcfgfile() and
// the -cc handling do.
func TestEvalHAProxyCondJoinsWords(t *testing.T) {
	got, err := EvalHAProxyCond([]string{"streq(a", "b,a", "b)"}, CondEnv{})
	if err != nil || !got {
		t.Fatalf("got %v, %v", got, err)
	}
}

// Deep nesting stops at MAX_CFG_RECURSION instead of exhausting the stack.
func TestEvalHAProxyCondDepth(t *testing.T) {
	expr := strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000)
	_, err := EvalHAProxyCond([]string{expr}, CondEnv{})
	if err == nil || !strings.Contains(err.Error(), "unparsable conditional") {
		t.Fatalf("got %v", err)
	}
	ok, err := EvalHAProxyCond([]string{strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100)}, CondEnv{})
	if err != nil || !ok {
		t.Fatalf("100 levels: %v, %v", ok, err)
	}
}

// `haproxy -cc` splits its argument without comments; 2.6.12's messages.
func TestSplitHAProxyCondition(t *testing.T) {
	lookup := func(name string) (string, bool) {
		v, ok := map[string]string{"A": "x y", "E": ""}[name]
		return v, ok
	}
	tests := []struct {
		in   string
		want string // words joined by "|", or the error
	}{
		{`streq("a b",a b)`, "streq(a b,a|b)"},
		{`1 # comment`, "1|#|comment"},
		{`\#`, `\#`},
		{`"${A[*]}"`, "x|y"},
		{`"$A" `, "x y|"},
		{`a\x00b`, "a b"},
		{`'a`, "Syntax Error in condition: Unmatched quote."},
		{`\x4`, "Syntax Error in condition: Truncated or invalid hexadecimal sequence."},
		{`"${X`, "Unhandled error in condition, please report this to the developers."},
		{`"$9"`, "Unhandled error in condition, please report this to the developers."},
		{`"${X[1]}"`, "Unhandled error in condition, please report this to the developers."},
		{strings.Repeat("1 ", 70), "Error in condition: Too many words."},
	}
	for _, tt := range tests {
		words, err := SplitHAProxyCondition(tt.in, lookup)
		got := strings.Join(words, "|")
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("SplitHAProxyCondition(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
