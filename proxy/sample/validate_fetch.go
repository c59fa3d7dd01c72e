package sample

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// fetchValidator returns the argument check 2.6 runs after parsing a
// fetch's arguments (its val_args), or nil. The texts are HAProxy's.
func fetchValidator(name string) func([]Arg, *Context) error {
	if v := fetchCheck(name); v != nil {
		return func(a []Arg, _ *Context) error { return v(a) }
	}
	switch name {
	case "fc_unacked", "fc_sacked", "fc_retrans", "fc_fackets", "fc_lost", "fc_reordering":
		// An argument list, even empty, only draws a warning without
		// a place (val_fc_time_value's sibling in tcp_sample.c).
		return func(a []Arg, c *Context) error {
			if c != nil && c.Warn != nil {
				c.Warn(&Error{Msg: "no argument supported for 'fc_*' sample expressions returning counters.", Warning: true, Style: StyleBare})
			}
			return nil
		}
	}
	return nil
}

// fetchCheck returns the pure argument checks.
func fetchCheck(name string) func([]Arg) error {
	switch name {
	case "bin":
		return checkConstBin
	case "bool":
		return func(a []Arg) error {
			switch strings.ToLower(a[0].Str) {
			case "true", "false", "0", "1":
				return nil
			}
			return errors.New("Expects 'true', 'false', '0' or '1'")
		}
	case "var":
		return checkVarArg(0)
	case "date":
		return checkTimeUnit(1, "expects 's', 'ms' or 'us', got '%s'")
	case "fc_rtt", "fc_rttvar":
		return func(a []Arg) error {
			if a[0].Present && a[0].Str != "us" && a[0].Str != "ms" {
				return fmt.Errorf("expects 'us' or 'ms', got '%s'", a[0].Str)
			}
			return nil
		}
	case "distcc_body", "distcc_param":
		return func(a []Arg) error {
			if len(a[0].Str) != 4 {
				return errors.New("token name must be exactly 4 characters")
			}
			return nil
		}
	case "payload_lv", "req.payload_lv", "res.payload_lv":
		return checkPayloadLV
	case "uuid":
		return func(a []Arg) error {
			if a[0].Present && a[0].Int != 4 {
				return fmt.Errorf("Unsupported UUID version: '%d'", a[0].Int)
			}
			return nil
		}
	case "ssl_c_i_dn", "ssl_c_s_dn", "ssl_f_i_dn", "ssl_f_s_dn", "ssl_s_i_dn", "ssl_s_s_dn":
		return func(a []Arg) error {
			if a[2].Present && a[2].Str != "" && a[2].Str != "rfc2253" {
				return errors.New("only rfc2253 or a blank value are currently supported as the format argument.")
			}
			return nil
		}
	case "hdr", "req.hdr", "res.hdr", "hdr_ip", "hdr_val", "req.fhdr", "res.fhdr",
		"req.hdr_ip", "res.hdr_ip", "req.hdr_val", "res.hdr_val", "shdr", "shdr_ip", "shdr_val":
		// MAX_HDR_HISTORY is 10 in 2.6.
		return func(a []Arg) error {
			if a[1].Present && a[1].Int < -10 {
				return errors.New("header occurrence must be >= -10")
			}
			return nil
		}
	}
	if strings.HasPrefix(name, "internal.htx_blk.") {
		return checkBlockPos
	}
	return nil
}

// checkConstBin is smp_check_const_bin: an even number of hex digits; an
// empty string fails with C's "(null)" message.
func checkConstBin(a []Arg) error {
	s := a[0].Str
	if s == "" {
		return errors.New("(null)")
	}
	if len(s)%2 != 0 {
		return errors.New("an even number of hex digit is expected")
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return fmt.Errorf("an hex digit is expected (found '%c')", s[i])
		}
	}
	return nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// checkVarArg turns argument i into a variable (vars_check_arg).
func checkVarArg(i int) func([]Arg) error {
	return func(a []Arg) error {
		v, err := ParseVar(a[i].Str)
		if err != nil {
			return err
		}
		a[i].Type, a[i].Var = ArgVar, &v
		return nil
	}
}

// checkTimeUnit checks an optional "s", "ms" or "us" unit argument.
func checkTimeUnit(i int, format string) func([]Arg) error {
	return func(a []Arg) error {
		if !a[i].Present {
			return nil
		}
		switch a[i].Str {
		case "s", "ms", "us":
			return nil
		}
		return fmt.Errorf(format, a[i].Str)
	}
}

// checkPayloadLV is val_payload_lv.
func checkPayloadLV(a []Arg) error {
	if a[0].Int < 0 {
		return errors.New("payload offset1 must be positive")
	}
	if a[1].Int == 0 {
		return errors.New("payload length must be > 0")
	}
	if a[2].Present && a[2].Str != "" {
		if _, n := readInt64(a[2].Str); n != len(a[2].Str) {
			return errors.New("payload offset2 is not a number")
		}
	}
	return nil
}

// checkBlockPos is the internal.htx_blk.* check: a block position or
// head, tail, first.
func checkBlockPos(a []Arg) error {
	s := a[0].Str
	switch s {
	case "":
		return errors.New("a block position is expected (> 0) or a special block name (head, tail, first)")
	case "head", "tail", "first":
		return nil
	}
	if v, err := strconv.ParseInt(s, 10, 64); err != nil || v < 0 {
		return errors.New("invalid block position")
	}
	return nil
}
