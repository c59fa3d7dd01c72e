package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseExpect is parse_tcpcheck_expect().
func parseExpect(args []string, http bool) (*rule, error) {
	if word(args, 0) == "" {
		return nil, fmt.Errorf("expects at least a matching pattern as arguments")
	}
	e := &expectRule{minRecv: -1}
	r := &rule{action: actExpect, expect: e}
	var pattern, npat, vpat, onSuccess, onError string
	var hasSuccess, hasError bool
	badHTTP := func(w string) error {
		return fmt.Errorf("'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment but got '%s' as argument.", w)
	}
	badTCP := func(w string) error {
		return fmt.Errorf("'only supports min-recv, '[!]binary', '[!]string', '[!]rstring', '[!]string-lf''[!]rbinary', '[!]binary-lf' or comment but got '%s' as argument.", w)
	}
	setKind := func(k expectKind) error {
		if e.kind != expUndef {
			return fmt.Errorf("only on pattern expected")
		}
		e.kind = k
		return nil
	}
	for i := 0; i < len(args); i++ {
		w := args[i]
		inPattern := false
		for strings.HasPrefix(w, "!") {
			inPattern = true
			e.inverse = !e.inverse
			w = w[1:]
			if w == "" {
				i++
				w = word(args, i)
			}
		}
		noBang := func() error {
			if inPattern {
				return fmt.Errorf("[!] not supported with '%s'", w)
			}
			return nil
		}
		needArg := func(what string) (string, error) {
			if word(args, i+1) == "" {
				return "", fmt.Errorf("'%s' expects %s as argument", w, what)
			}
			i++
			return args[i], nil
		}
		var err error
		switch w {
		case "min-recv":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("a integer")
			if err != nil {
				return nil, err
			}
			n, _ := strconv.ParseInt(v, 10, 64)
			if n < -1 || n > math.MaxInt32 {
				return nil, fmt.Errorf("'%s' expects -1 or an integer from 0 to INT_MAX", w)
			}
			e.minRecv = int(n)
		case "string", "rstring":
			k := expString
			if http {
				k = expHTTPBody
			}
			if w[0] == 'r' {
				k++ // the regex variant follows
				if http {
					k = expHTTPBodyRegex
				} else {
					k = expStringRegex
				}
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "binary", "rbinary":
			if http {
				return nil, badHTTP(w)
			}
			k := expBinary
			if w[0] == 'r' {
				k = expBinaryRegex
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "string-lf", "binary-lf":
			k := expStringLF
			switch {
			case http && w[0] != 's':
				return nil, badHTTP(w)
			case http:
				k = expHTTPBodyLF
			case w[0] == 'b':
				k = expBinaryLF
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "status", "rstatus":
			if !http {
				return nil, badTCP(w)
			}
			k := expHTTPStatus
			if w[0] == 'r' {
				k = expHTTPStatusRegex
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "custom":
			if err = noBang(); err != nil {
				return nil, err
			}
			if err = setKind(expCustom); err != nil {
				return nil, err
			}
		case "hdr", "fhdr":
			if !http {
				return nil, badTCP(w)
			}
			if err = setKind(expHTTPHeader); err != nil {
				return nil, err
			}
			e.hdrFull = w == "fhdr"
			orig := w
			if word(args, i+1) == "" || word(args, i+2) == "" || (args[i+1] != "name" && args[i+1] != "name-lf") {
				return nil, fmt.Errorf("'%s' expects at the name keyword as first argument followed by a pattern", orig)
			}
			nameLF := args[i+1] == "name-lf"
			i += 2
			if args[i] == "-m" {
				m, err := parseMatch(orig, args, i, nameLF)
				if err != nil {
					return nil, err
				}
				e.nameMatch = m
				i += 2
			}
			npat = word(args, i)
			if nameLF {
				f, err := parseLogFormat(npat)
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", npat, err)
				}
				e.nameFmt = f
			}
			if nv := word(args, i+1); nv != "value" && nv != "value-lf" {
				e.valueNone = true
				continue
			}
			valueLF := args[i+1] == "value-lf"
			if word(args, i+2) == "-m" {
				i += 2
				m, err := parseMatch(orig, args, i, valueLF)
				if err != nil {
					return nil, err
				}
				e.valueMatch = m
			}
			if word(args, i+2) == "" {
				return nil, fmt.Errorf("'%s' expect a pattern with the value keyword", orig)
			}
			vpat = args[i+2]
			i += 2
			if valueLF {
				f, err := parseLogFormat(vpat)
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", npat, err)
				}
				e.valueFmt = f
			}
		case "comment":
			if err = noBang(); err != nil {
				return nil, err
			}
			if r.comment, err = needArg("a string"); err != nil {
				return nil, err
			}
		case "on-success":
			if err = noBang(); err != nil {
				return nil, err
			}
			if onSuccess, err = needArg("a string"); err != nil {
				return nil, err
			}
			hasSuccess = true
		case "on-error":
			if err = noBang(); err != nil {
				return nil, err
			}
			if onError, err = needArg("a string"); err != nil {
				return nil, err
			}
			hasError = true
		case "ok-status", "error-status", "tout-status":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("a string")
			if err != nil {
				return nil, err
			}
			st, err := parseStatusArg(w, v)
			if err != nil {
				return nil, err
			}
			switch w {
			case "ok-status":
				e.okStatus = st
			case "error-status":
				e.errStatus = st
			default:
				e.toutStatus = st
			}
		case "status-code":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("an expression")
			if err != nil {
				return nil, err
			}
			se, err := parseSampleExpr(v)
			if err != nil {
				return nil, fmt.Errorf("error detected while parsing status-code expression : %s", err)
			}
			e.statusExpr = se
		default:
			if http {
				return nil, badHTTP(w)
			}
			return nil, badTCP(w)
		}
	}
	var err error
	if hasSuccess {
		if e.onSuccess, err = parseLogFormat(onSuccess); err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", onSuccess, err)
		}
	}
	if hasError {
		if e.onError, err = parseLogFormat(onError); err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", onError, err)
		}
	}
	switch e.kind {
	case expHTTPStatus:
		codes, err := parseCodes(pattern)
		if err != nil {
			return nil, err
		}
		e.codes = codes
	case expString, expHTTPBody:
		e.data = []byte(pattern)
	case expBinary:
		b, err := parseBinary(pattern)
		if err != nil {
			return nil, fmt.Errorf("invalid binary string (%s)", err)
		}
		e.data = b
	case expStringRegex, expBinaryRegex, expHTTPStatusRegex, expHTTPBodyRegex:
		re, err := compileRegex(pattern, true)
		if err != nil {
			return nil, err
		}
		e.re = re
	case expStringLF, expBinaryLF, expHTTPBodyLF:
		f, err := parseLogFormat(pattern)
		if err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", pattern, err)
		}
		e.fmt = f
	case expHTTPHeader:
		if e.nameMatch == matchReg {
			re, err := compileRegex(npat, false)
			if err != nil {
				return nil, err
			}
			e.nameRe = re
		} else {
			e.name = npat
		}
		if !e.valueNone {
			if e.valueMatch == matchReg {
				re, err := compileRegex(vpat, true)
				if err != nil {
					return nil, err
				}
				e.valueRe = re
			} else {
				e.value = vpat
			}
		}
	case expUndef:
		return nil, fmt.Errorf("pattern not found")
	}
	return r, nil
}

func parseMatch(orig string, args []string, i int, lf bool) (matchKind, error) {
	m := word(args, i+1)
	if m == "" {
		return 0, fmt.Errorf("'%s' : '%s' expects at a matching pattern ('str', 'beg', 'end', 'sub' or 'reg')", orig, args[i])
	}
	switch m {
	case "str":
		return matchStr, nil
	case "beg":
		return matchBeg, nil
	case "end":
		return matchEnd, nil
	case "sub":
		return matchSub, nil
	case "reg":
		if lf {
			return 0, fmt.Errorf("'%s': log-format string is not supported with a regex matching method", orig)
		}
		return matchReg, nil
	}
	return 0, fmt.Errorf("'%s' : '%s' only supports 'str', 'beg', 'end', 'sub' or 'reg' (got '%s')", orig, args[i], m)
}

func parseStatusArg(kw, v string) (Status, error) {
	u := strings.ToUpper(v)
	switch kw {
	case "ok-status":
		switch u {
		case "L7OK", "L7OKC", "L6OK", "L4OK":
			st, _ := ParseStatus(u)
			return st, nil
		}
		return 0, fmt.Errorf("'%s' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got '%s').", kw, v)
	case "error-status":
		switch u {
		case "L7RSP", "L7STS", "L7OKC", "L6RSP", "L4CON":
			st, _ := ParseStatus(u)
			return st, nil
		}
		return 0, fmt.Errorf("'%s' only supports 'L4CON', 'L6RSP', 'L7RSP' or 'L7STS' status (got '%s').", kw, v)
	}
	switch u {
	case "L7TOUT", "L6TOUT", "L4TOUT":
		st, _ := ParseStatus(u)
		return st, nil
	}
	return 0, fmt.Errorf("'%s' only supports 'L4TOUT', 'L6TOUT' or 'L7TOUT' status (got '%s').", kw, v)
}

// parseCodes reads "200", "200-399" or "200,301-302" (read_uint loop).
func parseCodes(p string) ([][2]int, error) {
	var codes [][2]int
	i := 0
	readUint := func() int {
		n := 0
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			n = n*10 + int(p[i]-'0')
			i++
		}
		return n
	}
	for {
		c1 := readUint()
		c2 := c1
		if i < len(p) && p[i] == '-' {
			i++
			c2 = readUint()
		}
		if c1 > c2 {
			return nil, fmt.Errorf("invalid range of status codes '%s'", p)
		}
		codes = append(codes, [2]int{c1, c2})
		if i == len(p) {
			return codes, nil
		}
		if p[i] != ',' {
			return nil, fmt.Errorf("invalid character '%c' in the list of status codes", p[i])
		}
		i++
	}
}
