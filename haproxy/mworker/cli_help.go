package mworker

import (
	"sort"
	"strings"
)

// cliKeyword is one command the master's own CLI knows, with the usage
// line "help" prints (empty for commands help does not list).
type cliKeyword struct {
	words []string
	usage string
}

// masterKeywords are the commands 2.6.12's master lists and runs itself,
// in their registration order (src/cli.c, then src/mworker.c); the order
// decides between equally close suggestions.
func masterKeywords() []cliKeyword {
	return []cliKeyword{
		{[]string{"help"}, ""},
		{[]string{"prompt"}, ""},
		{[]string{"quit"}, ""},
		{[]string{"show", "cli", "sockets"}, "show cli sockets                        : dump list of cli sockets"},
		{[]string{"show", "cli", "level"}, "show cli level                          : display the level of the current CLI session"},
		{[]string{"show", "version"}, "show version                            : show version of the current process"},
		{[]string{"operator"}, "operator                                : lower the level of the current CLI session to operator"},
		{[]string{"user"}, "user                                    : lower the level of the current CLI session to user"},
		{[]string{"@<relative pid>"}, "@<relative pid>                         : send a command to the <relative pid> process"},
		{[]string{"@!<pid>"}, "@!<pid>                                 : send a command to the <pid> process"},
		{[]string{"@master"}, "@master                                 : send a command to the master process"},
		{[]string{"show", "proc"}, "show proc                               : show processes status"},
		{[]string{"reload"}, "reload                                  : reload haproxy"},
	}
}

// help trailer, always printed (cli_gen_usage_msg()).
const helpTrailer = "  help [<command>]                        : list matching or all commands\n" +
	"  prompt                                  : toggle interactive mode with prompt\n" +
	"  quit                                    : disconnect\n"

const (
	maxMatches   = 5 // CLI_MAX_MATCHES
	maxPrefixKws = 5 // CLI_PREFIX_KW_NB
)

// usageMessage is cli_gen_usage_msg() over the master's keywords: the
// commands matching the words typed, the closest ones when some word
// matches nothing, or everything.
func usageMessage(args []string) string {
	keywords := masterKeywords()
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
	for _, kw := range keywords {
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

	// matched reports whether kw's first length words are the ones typed.
	matched := func(kw cliKeyword) bool {
		idx := 0
		for ; idx < length; idx++ {
			if idx >= len(kw.words) || arg(idx) == "" || kw.words[idx] != arg(idx) {
				break
			}
		}
		return idx == length
	}

	type match struct {
		kw   *cliKeyword
		dist int
	}
	var matches [maxMatches]match
	for i := range matches {
		matches[i].dist = int(^uint(0) >> 1)
	}
	if arg(length) != "" {
		for i := range keywords {
			kw := &keywords[i]
			if kw.usage == "" || !matched(*kw) {
				continue
			}
			// the remaining words, typed and known, are fuzzy-matched
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
	var entries []*cliKeyword
	if matches[0].kw != nil {
		for _, m := range matches {
			if m.kw == nil || m.dist > 5*matches[0].dist/2 {
				break
			}
			entries = append(entries, m.kw)
		}
	} else {
		for i := range keywords {
			kw := &keywords[i]
			if kw.usage != "" && matched(*kw) {
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

// findKeyword returns the master keyword the words start with.
func findKeyword(args []string) *cliKeyword {
	keywords := masterKeywords()
	for i := range keywords {
		kw := &keywords[i]
		if len(args) < len(kw.words) {
			continue
		}
		ok := true
		for j, w := range kw.words {
			if args[j] != w {
				ok = false
				break
			}
		}
		if ok {
			return kw
		}
	}
	return nil
}

// fingerprint counts the transitions between character classes of some
// words (src/tools.c update_word_fingerprint()): 32*from+to, with classes
// 1..26 for letters, 27 for digits, 28 for anything else and the words'
// ends; row 0 marks the classes seen.
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
