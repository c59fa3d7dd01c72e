package logs

import (
	"regexp"
	"strconv"
	"strings"
)

// A known difference is one the engine or the sample fetches still have,
// not logging: it explains a field of our line that differs from the real
// one. A line whose every differing field is explained counts as known,
// neither passed nor failed; anything else fails the test.
type known struct {
	why   string
	match func(real, ours []string, i int) bool
}

func knownDifferences() []known {
	return []known{
		{"%rt: 2.6's stream numbers also count its internal streams (each session of a ring's forwarder " +
			"takes one, stream_new()), ours only the client's", reqCounter},
		{"a connection that failed leaves no addresses: Go's dialer returns no socket, so %bi:%bp and " +
			"%si:%sp are '-' after a refused connect (2.6 logs the socket's)", failedConnAddrs},
		{"fc_err and the ssl_* fetches are not evaluated yet (proxy/sample): httpslog's expressions log '-'",
			func(r, o []string, i int) bool {
				return r[i] == "0/-/-/-/0" && o[i] == "-/-/-/-/-"
			}},
	}
}

// explain says why ours differs from real, or "" when some field has no
// known reason. Fields are split at each space: a space too many is a
// difference too.
func explain(real, ours string) string {
	r, o := strings.Split(real, " "), strings.Split(ours, " ")
	if len(r) != len(o) || len(r) == 0 {
		return ""
	}
	var whys []string
	for i := range r {
		if r[i] == o[i] {
			continue
		}
		found := ""
		for _, k := range knownDifferences() {
			if k.match(r, o, i) {
				found = k.why
				break
			}
		}
		if found == "" {
			return ""
		}
		whys = append(whys, found)
	}
	return strings.Join(whys, "; ")
}

var reUniqueID = regexp.MustCompile(`^[0-9A-F]{8}:[0-9A-F]{4}_[0-9A-F]{4}$`)

// reqCounter matches the %rt of the custom format: in the unique id
// ("%{+X}o %fi:%fp_%rt") and right after it.
func reqCounter(r, o []string, i int) bool {
	if reUniqueID.MatchString(r[i]) && reUniqueID.MatchString(o[i]) {
		return r[i][:14] == o[i][:14]
	}
	if i == 0 || !reUniqueID.MatchString(r[i-1]) {
		return false
	}
	_, e1 := strconv.Atoi(r[i])
	_, e2 := strconv.Atoi(o[i])
	return e1 == nil && e2 == nil
}

var reAddrField = regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+:\S+$`)

// failedConnAddrs matches an "-:-" address of ours where the real line,
// whose connection failed (SC), has one.
func failedConnAddrs(r, o []string, i int) bool {
	if o[i] != "-:-" || !reAddrField.MatchString(r[i]) {
		return false
	}
	for _, f := range r {
		if f == "SC--" {
			return true
		}
	}
	return false
}
