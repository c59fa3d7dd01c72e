package lvsmap

import (
	"fmt"
	"regexp"
)

// compileRegex compiles a url's regex with its regex_options. keepalived
// uses PCRE2; Go's RE2 syntax covers the usual patterns but not
// backreferences or lookaround, which fail to compile here. The options
// with a RE2 equivalent are applied; the others (JIT and UTF details)
// change nothing a health check sees.
func compileRegex(pattern string, options []string) (*regexp.Regexp, error) {
	flags := ""
	for _, o := range options {
		switch o {
		case "caseless":
			flags += "i"
		case "multiline":
			flags += "m"
		case "dotall":
			flags += "s"
		case "ungreedy":
			flags += "U"
		case "extended":
			return nil, fmt.Errorf("regex option %q is not supported", o)
		}
	}
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	return regexp.Compile(pattern)
}
