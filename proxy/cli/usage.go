package cli

import (
	"sort"
	"strings"
)

// helpTrailer closes every usage message (cli_gen_usage_msg()).
const helpTrailer = "  help [<command>]                        : list matching or all commands\n" +
	"  prompt                                  : toggle interactive mode with prompt\n" +
	"  quit                                    : disconnect\n"

const (
	maxMatches   = 5 // CLI_MAX_MATCHES
	maxPrefixKws = 5 // CLI_PREFIX_KW_NB
)

// usageMessage is cli_gen_usage_msg(): for "help [words]" the commands
// those words start, for an unknown command the closest ones by word
// fingerprint, or every command.
func (a *API) usageMessage(args []string) string {
	isHelp := false
	if len(args) > 0 && args[0] == "help" {
		args = args[1:]
		isHelp = true
	}
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	// the number of leading words some keyword matches exactly
	length := 0
	for _, kw := range a.kws {
		for idx := 0; idx < maxPrefixKws && idx < len(kw.words); idx++ {
			if arg(idx) == "" || kw.words[idx] != arg(idx) {
				break
			}
			length = max(length, idx+1)
		}
	}
	var b strings.Builder
	switch {
	case isHelp:
		b.WriteString("The following commands are valid at this level:\n")
	case length == 0 && arg(0) == "":
		b.WriteString("Unknown command. Please enter one of the following commands only:\n")
	default:
		b.WriteString("Unknown command, but maybe one of the following ones is a better match:\n")
	}
	matched := func(kw *keyword) bool {
		idx := 0
		for ; idx < length; idx++ {
			if idx >= len(kw.words) || arg(idx) == "" || kw.words[idx] != arg(idx) {
				break
			}
		}
		return idx == length
	}
	type match struct {
		kw   *keyword
		dist int
	}
	var matches [maxMatches]match
	for i := range matches {
		matches[i].dist = int(^uint(0) >> 1)
	}
	if arg(length) != "" {
		for i := range a.kws {
			kw := &a.kws[i]
			if kw.usage == "" || !matched(kw) {
				continue
			}
			// the words typed past the matched ones against the
			// keyword's own
			var wfp, kfp fingerprint
			totlen := 0
			for j := length; j < maxPrefixKws && arg(j) != ""; j++ {
				wfp.update(arg(j))
				totlen += len(arg(j))
			}
			for j := length; j < maxPrefixKws && j < len(kw.words); j++ {
				kfp.update(kw.words[j])
				totlen += len(kw.words[j])
			}
			d := wfp.distance(&kfp)
			if d < 5*totlen/2 && d < matches[maxMatches-1].dist {
				m := match{kw, d}
				matches[maxMatches-1] = m
				for idx := maxMatches - 2; idx >= 0; idx-- {
					if matches[idx+1].dist >= matches[idx].dist {
						break
					}
					matches[idx+1] = matches[idx]
					matches[idx] = m
				}
			}
		}
	}
	var entries []*keyword
	if matches[0].kw != nil {
		for _, m := range matches {
			if m.kw == nil || m.dist > 5*matches[0].dist/2 {
				break
			}
			entries = append(entries, m.kw)
		}
	} else {
		for i := range a.kws {
			if kw := &a.kws[i]; kw.usage != "" && matched(kw) {
				entries = append(entries, kw)
			}
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].usage < entries[j].usage })
	for _, kw := range entries {
		b.WriteString("  " + kw.usage + "\n")
	}
	b.WriteString(helpTrailer)
	return b.String()
}

// fingerprint counts the transitions between character classes of words
// (update_word_fingerprint() in src/tools.c): 32*from+to, classes 1..26
// for letters, 27 for digits, 28 for anything else and word ends.
type fingerprint [1024]uint8

func (fp *fingerprint) update(word string) {
	from := 28
	for i := 0; i < len(word); i++ {
		c := word[i]
		var to int
		switch {
		case c >= 'a' && c <= 'z':
			to = int(c-'a') + 1
		case c >= 'A' && c <= 'Z':
			to = int(c-'A') + 1
		case c >= '0' && c <= '9':
			to = 27
		default:
			to = 28
		}
		fp[to] = 1
		fp[32*from+to]++
		from = to
	}
	fp[32*from+28]++
}

// distance is word_fingerprint_distance().
func (fp *fingerprint) distance(o *fingerprint) int {
	d := 0
	for i := range fp {
		k := int(fp[i]) - int(o[i])
		if k < 0 {
			k = -k
		}
		d += k
	}
	return d
}
