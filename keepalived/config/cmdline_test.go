package config

import (
	"fmt"
	"testing"
)

func TestReadLogFacility(t *testing.T) {
	for _, c := range []struct {
		arg      string
		facility int
		ok       bool
		msgs     string
	}{
		{"0", 0, true, "[]"},
		{"7", 7, true, "[]"},
		{"07", 7, true, "[]"},
		{"local3", 3, true, "[invalid number 'local3']"},
		{"user", -1, true, "[invalid number 'user']"},
		{"daemon", -1, true, "[invalid number 'daemon']"},
		{"9", -1, false, "[number '9' outside range [0, 7]]"},
		{"-1", -1, false, "[negative number '-1']"},
		{"local3x", -1, false, "[invalid number 'local3x' invalid number '3x']"},
	} {
		f, ok, msgs := ReadLogFacility(c.arg)
		text := make([]string, len(msgs))
		for i, m := range msgs {
			text[i] = m.String()
		}
		if f != c.facility || ok != c.ok || fmt.Sprint(text) != c.msgs {
			t.Errorf("ReadLogFacility(%q) = %d, %v, %v; want %d, %v, %s", c.arg, f, ok, text, c.facility, c.ok, c.msgs)
		}
		if len(msgs) > 0 && TestExitCode(msgs) != 5 {
			t.Errorf("ReadLogFacility(%q): its complaints give exit %d, want 5", c.arg, TestExitCode(msgs))
		}
	}
}
