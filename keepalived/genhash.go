package main

import (
	"fmt"
	"strings"

	"hakeep/keepalived/genhash"
)

// genhash is -T/--genhash (core/main.c): keepalived hands the rest of
// its command line, after the option, to genhash (check_genhash.c),
// warning when options came before it.
func (c *cmdline) genhash() int {
	i, name, first := genhashAt(c.args)
	if !first {
		fmt.Fprintf(c.stderr, "Warning -- `%s` not used as first option, previous options ignored\n", name)
	}
	return genhash.Main(append([]string{c.prog}, c.args...), i+2, false, c.stdout, c.stderr)
}

// genhashAt finds the argument holding -T or --genhash as getopt_long
// walks the command line; name is how keepalived names it in its warning
// ("-T", or the long name), first whether no option came before it.
func genhashAt(args []string) (i int, name string, first bool) {
	specs := optionSpecs()
	first = true
	for i = 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return len(args), "-T", first
		case strings.HasPrefix(a, "--"):
			n, _, hasEq := strings.Cut(a[2:], "=")
			s, ok := findLong(specs, n)
			if ok && s.long == "genhash" {
				return i, s.long, first
			}
			if ok && s.arg == requiredArg && !hasEq {
				i++
			}
			first = false
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for j := 1; j < len(a); j++ {
				s, ok := findShort(specs, a[j])
				if ok && s.short == 'T' {
					return i, "-T", first
				}
				first = false
				if ok && s.arg != noArg {
					if s.arg == requiredArg && j+1 == len(a) {
						i++
					}
					break
				}
			}
		}
	}
	return i, "-T", first
}
