package syslog

import (
	"strings"
	"testing"
	"time"
)

// A "log-forward" section of haproxy 2.6.12 received these messages and
// sent them on to targets of every format (local0 .. local7; the last
// one "raw" up to "warning"). The lines are what it sent.
func TestForwardedMessages(t *testing.T) {
	now := time.Date(2026, 11, 21, 21, 34, 34, 551903000, time.UTC)
	targets := []struct {
		format   string
		facility int
		level    int
	}{{"", 16, 7}, {"rfc3164", 17, 7}, {"rfc5424", 18, 7}, {"local", 19, 7}, {"short", 20, 7},
		{"priority", 21, 7}, {"iso", 22, 7}, {"timed", 23, 7}, {"raw", 23, 4}}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3"] An application event`, []string{
			`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3"] An application event`,
			`<165>Oct 11 22:14:15 mymachine.example.com evntslog[8710]: An application event`,
			`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3"] An application event`,
			`<165>Oct 11 22:14:15 evntslog[8710]: An application event`,
			`<5>An application event`,
			`<165>An application event`,
			`2003-10-11T22:14:15.003Z An application event`,
			`<5>2003-10-11T22:14:15.003Z An application event`,
		}},
		{`<13>Jan  2 03:04:05 host tag[12]: hello`, []string{
			`<13>Jan  2 03:04:05 host tag[12]: hello`,
			`<13>Jan  2 03:04:05 host tag[12]: hello`,
			`<13>1 2026-01-02T03:04:05-00:00 host tag 12 - - hello`,
			`<13>Jan  2 03:04:05 tag[12]: hello`,
			`<5>hello`,
			`<13>hello`,
			`2026-01-02T03:04:05-00:00 hello`,
			`<5>2026-01-02T03:04:05-00:00 hello`,
		}},
		{`<14>plain text`, []string{
			`<14>plain text`,
			`<14>Nov 21 21:34:34 localhost plain text`,
			`<14>1 2026-11-21T21:34:34.551903+00:00 - - - - - plain text`,
			`<14>Nov 21 21:34:34 plain text`,
			`<6>plain text`,
			`<14>plain text`,
			`2026-11-21T21:34:34.551903+00:00 plain text`,
			`<6>2026-11-21T21:34:34.551903+00:00 plain text`,
		}},
		{`no prio at all`, []string{
			`no prio at all`,
			`<136>Nov 21 21:34:34 localhost no prio at all`,
			`<144>1 2026-11-21T21:34:34.551903+00:00 - - - - - no prio at all`,
			`<152>Nov 21 21:34:34 no prio at all`,
			`<0>no prio at all`,
			`<168>no prio at all`,
			`2026-11-21T21:34:34.551903+00:00 no prio at all`,
			`<0>2026-11-21T21:34:34.551903+00:00 no prio at all`,
			`no prio at all`,
		}},
		{`<13>Jan  2 03:04:05 host message here`, []string{
			`<13>Jan  2 03:04:05 host message here`,
			`<13>Jan  2 03:04:05 host message here`,
			`<13>1 2026-01-02T03:04:05-00:00 host - - - - message here`,
			`<13>Jan  2 03:04:05 message here`,
			`<5>message here`,
			`<13>message here`,
			`2026-01-02T03:04:05-00:00 message here`,
			`<5>2026-01-02T03:04:05-00:00 message here`,
		}},
	} {
		level, facility, meta, text := Parse([]byte(c.in))
		var got []string
		for _, tg := range targets {
			// process_send_log(): the target's level filters, its
			// facility stands in for a missing one
			if level > tg.level {
				continue
			}
			fac, lvl := facility, level
			if fac < 0 {
				fac = tg.facility
			}
			if lvl < 0 {
				lvl = 0
			}
			f, _ := ParseFormat(tg.format)
			m := &Message{Level: lvl, Facility: fac, Meta: &meta, Time: now, Text: text}
			got = append(got, strings.TrimSuffix(string(AppendDatagram(nil, f, m, 1024)), "\n"))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestParseBadHeaders(t *testing.T) {
	for in, want := range map[string]string{
		"<14>1 not-a-time host":            "1 not-a-time host",
		"<14>Foo  2 03:04:05 host x":       "Foo  2 03:04:05 host x",
		"<1x>text":                         "<1x>text",
		"<13>1 - host tag pid mid [sd] ok": "ok",
	} {
		_, _, _, text := Parse([]byte(in))
		if string(text) != want {
			t.Errorf("Parse(%q) text %q, want %q", in, text, want)
		}
	}
}
