package sample

import (
	"fmt"
	"regexp"
	"strings"
)

// CheckRegex reports the syntax errors PCRE2 (HAProxy 2.6's Debian build)
// finds in a regex, with 2.6's wording: "regex '<re>' is invalid
// (error=<pcre2 message>, erroffset=<n>)". It covers the mistakes seen in
// configurations (unbalanced parentheses and brackets, misplaced or
// inverted quantifiers, trailing backslash, back-references to missing
// groups); constructs only PCRE supports (look-behind, possessive
// quantifiers, \Q..\E) are accepted, as PCRE2 accepts them.
func CheckRegex(re string) error {
	if msg, off, ok := pcreCheck(re); !ok {
		return fmt.Errorf("regex '%s' is invalid (error=%s, erroffset=%d)", re, msg, off)
	}
	return nil
}

// CompileRegex checks re as PCRE2 would, then compiles it with Go's RE2
// engine for matching. A pattern PCRE2 accepts but RE2 cannot run (e.g.
// look-behind) yields a nil *regexp.Regexp and no error: the configuration
// is valid, and the engine must refuse to evaluate it.
func CompileRegex(re string, icase bool) (*regexp.Regexp, error) {
	if err := CheckRegex(re); err != nil {
		return nil, err
	}
	src := re
	if icase {
		src = "(?i)" + re
	}
	rx, err := regexp.Compile(src)
	if err != nil {
		return nil, nil
	}
	return rx, nil
}

// pcreCheck walks the pattern like PCRE2's parser does for the errors it
// reports at compile time.
func pcreCheck(re string) (string, int, bool) {
	depth := 0
	groups := 0
	maxRef, refOff := 0, 0
	canRepeat := false
	i := 0
	for i < len(re) {
		c := re[i]
		switch c {
		case '\\':
			if i+1 >= len(re) {
				return "\\ at end of pattern", len(re), false
			}
			n := re[i+1]
			switch {
			case n == 'Q':
				end := strings.Index(re[i+2:], "\\E")
				if end < 0 {
					return "", 0, true // literal to the end
				}
				i += 2 + end + 2
				canRepeat = true
				continue
			case n >= '1' && n <= '9':
				j := i + 1
				v := 0
				for j < len(re) && re[j] >= '0' && re[j] <= '9' {
					v = v*10 + int(re[j]-'0')
					j++
				}
				if v > maxRef {
					maxRef, refOff = v, i+1
				}
				i = j
				canRepeat = true
				continue
			}
			i += 2
			canRepeat = true
		case '[':
			j := i + 1
			if j < len(re) && re[j] == '^' {
				j++
			}
			if j < len(re) && re[j] == ']' {
				j++ // a leading ']' is literal
			}
			closed := false
			for j < len(re) {
				if re[j] == '\\' {
					j += 2
					continue
				}
				if re[j] == '[' && j+1 < len(re) && re[j+1] == ':' {
					if k := strings.Index(re[j+2:], ":]"); k >= 0 {
						j += 2 + k + 2
						continue
					}
				}
				if re[j] == ']' {
					closed = true
					break
				}
				j++
			}
			if !closed {
				return "missing terminating ] for character class", len(re), false
			}
			i = j + 1
			canRepeat = true
		case '(':
			depth++
			if i+1 < len(re) && re[i+1] == '?' {
				// (?:...), (?=...), (?<name>...), (?i)...: only named
				// and plain groups are numbered.
				if i+2 < len(re) && (re[i+2] == '<' || re[i+2] == 'P' || re[i+2] == '\'') &&
					!(i+3 < len(re) && (re[i+3] == '=' || re[i+3] == '!')) {
					groups++
				}
				i += 2
			} else {
				groups++
				i++
			}
			canRepeat = false
		case ')':
			if depth == 0 {
				return "unmatched closing parenthesis", i, false
			}
			depth--
			i++
			canRepeat = true
		case '*', '+', '?':
			if !canRepeat {
				return "quantifier does not follow a repeatable item", i, false
			}
			i++
			// lazy or possessive suffix
			if i < len(re) && (re[i] == '?' || re[i] == '+') {
				i++
			}
			canRepeat = false
		case '{':
			lo, hi, end, ok := parseBraces(re, i)
			if !ok {
				i++ // a literal '{'
				canRepeat = true
				continue
			}
			if lo > 65535 || hi > 65535 {
				return "number too big in {} quantifier", end, false
			}
			if hi >= 0 && hi < lo {
				return "numbers out of order in {} quantifier", end, false
			}
			if !canRepeat {
				return "quantifier does not follow a repeatable item", i, false
			}
			i = end + 1
			if i < len(re) && (re[i] == '?' || re[i] == '+') {
				i++
			}
			canRepeat = false
		case '^', '$', '|':
			i++
			canRepeat = c != '|' && c != '^'
			if c == '|' || c == '^' {
				canRepeat = false
			}
		default:
			i++
			canRepeat = true
		}
	}
	if depth > 0 {
		return "missing closing parenthesis", len(re), false
	}
	if maxRef > groups {
		return "reference to non-existent subpattern", refOff, false
	}
	return "", 0, true
}

// parseBraces reads a {n}, {n,}, {n,m} or {,m} quantifier at re[i]; hi is
// -1 when open. end is the offset of the closing brace.
func parseBraces(re string, i int) (lo, hi, end int, ok bool) {
	j := i + 1
	num := func() (int, bool) {
		start := j
		v := 0
		for j < len(re) && re[j] >= '0' && re[j] <= '9' {
			if v < 1<<20 {
				v = v*10 + int(re[j]-'0')
			}
			j++
		}
		return v, j > start
	}
	lo, hasLo := num()
	hi = lo
	if j < len(re) && re[j] == ',' {
		j++
		var hasHi bool
		hi, hasHi = num()
		if !hasHi {
			hi = -1
		}
		if !hasLo && !hasHi {
			return 0, 0, 0, false
		}
	} else if !hasLo {
		return 0, 0, 0, false
	}
	if j >= len(re) || re[j] != '}' {
		return 0, 0, 0, false
	}
	return lo, hi, j, true
}
