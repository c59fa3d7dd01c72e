package main

import (
	"io"
	"strings"
)

// -dM tunes HAProxy's memory pools (management.txt section 3). hakeep
// allocates with Go's runtime, which has none of these knobs: the flag is
// read and checked like 2.6's pool_parse_debugging() does, and has no
// effect.

// memoryDebugKeywords are the words -dM accepts in 2.6, set and clear.
var memoryDebugKeywords = [...][2]string{
	{"fail", "no-fail"},
	{"no-merge", "merge"},
	{"cold-first", "hot-first"},
	{"integrity", "no-integrity"},
	{"no-global", "global"},
	{"no-cache", "cache"},
	{"caller", "no-caller"},
	{"tag", "no-tag"},
	{"poison", "no-poison"},
}

// checkMemoryDebug reads "-dM[<byte>][,keyword...]"; it reports whether
// "help" was asked, and HAProxy's message for an unknown keyword.
func checkMemoryDebug(spec string) (help bool, errMsg string) {
	s := spec
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		// the poisoning byte, any strtol() base: "-dM0x41"
		i := 1
		for i < len(s) && s[i] != ',' {
			i++
		}
		s = s[i:]
	}
	for _, w := range strings.Split(s, ",") {
		if w == "" {
			continue
		}
		if w == "help" {
			return true, ""
		}
		known := false
		for _, kw := range memoryDebugKeywords {
			if w == kw[0] || w == kw[1] {
				known = true
			}
		}
		if !known {
			return false, "unknown pool debugging feature <" + w + ">"
		}
	}
	return false, ""
}

// printMemoryDebugHelp prints 2.6's -dMhelp text, whose '*' marks are
// Debian's build defaults, and says what it means for hakeep.
func printMemoryDebugHelp(w io.Writer) {
	io.WriteString(w, `-dM alone enables memory poisonning with byte 0x50 on allocation. A numeric
value may be appended immediately after -dM to use another value (0 supported).
Then an optional list of comma-delimited keywords may be appended to set or
clear some debugging options ('*' marks the current setting):

    set               clear            description
  -----------------+-----------------+-----------------------------------------
    fail           |* no-fail        | randomly fail allocations
    no-merge       |* merge          | disable merging of similar pools
    cold-first     |* hot-first      | pick cold objects first
    integrity      |* no-integrity   | enable cache integrity checks
  * no-global      |  global         | disable global shared cache
    no-cache       |* cache          | disable thread-local cache
    caller         |* no-caller      | save caller information in cache
  * tag            |  no-tag         | add tag at end of allocated objects
    poison         |* no-poison      | poison newly allocated objects

hakeep allocates memory with Go's runtime: these options are accepted and
have no effect.
`)
}
