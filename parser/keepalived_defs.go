package parser

import (
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
)

// kaDef is one `$NAME=value` definition (lib/parser.c def_t). A multi-line
// value keeps its lines separated by '\n'.
type kaDef struct {
	name      string
	value     string
	multiline bool
	// fn computes the value of a built-in definition each time it is
	// used; params are the numbers written after its name (${_RANDOM 1 9}).
	fn        func(params string) string
	maxParams int
}

// kaDefs keeps definitions in the order they were made: the first one
// whose name matches wins.
type kaDefs struct {
	list []*kaDef
}

// builtins installs keepalived 2.2.7's standard definitions
// (set_std_definitions in lib/parser.c).
func (d *kaDefs) builtins(r *kaReader) {
	d.list = append(d.list,
		&kaDef{name: "_PWD", fn: func(string) string { return r.pwd() }},
		&kaDef{name: "_INSTANCE", fn: func(string) string { return r.configID }},
		&kaDef{name: "_RANDOM", fn: r.random, maxParams: 2},
		&kaDef{name: "_HASH", value: "#"},
		&kaDef{name: "_BANG", value: "!"},
	)
}

// pwd is what getcwd() returns while the current file is read.
func (r *kaReader) pwd() string {
	d := r.dir()
	if d == "" {
		d = "."
	}
	if abs, err := filepath.Abs(d); err == nil {
		d = abs
	}
	if real, err := filepath.EvalSymlinks(d); err == nil {
		d = real
	}
	return d
}

// random is ${_RANDOM [min [max]]}: a number in [min, max], 0 and 32767 by
// default.
func (r *kaReader) random(params string) string {
	var lo, hi uint64 = 0, 32767
	if f := strings.Fields(params); len(f) > 0 {
		lo, _ = strconv.ParseUint(f[0], 10, 64)
		if len(f) > 1 {
			hi, _ = strconv.ParseUint(f[1], 10, 64)
		}
		if len(f) > 2 {
			r.diags.Add(SevDiag, r.pos(), "Too many parameters or extra text for ${_RANDOM %s}", params)
		}
	}
	if hi < lo {
		// keepalived computes random() % (max - min + 1) on unsigned
		// longs; keep the result in range instead of wrapping.
		lo, hi = hi, lo
	}
	return strconv.FormatUint(lo+rand.Uint64N(hi-lo+1), 10)
}

// find looks a definition up the way find_definition() does for a
// reference at s (the text just after '$'). It returns the definition,
// the length of the reference after the '$' (braces and parameters
// included) and the parameter text.
func (d *kaDefs) find(s string) (def *kaDef, refLen int, params string) {
	braces := len(s) > 0 && s[0] == '{'
	name := s
	if braces {
		name = s[1:]
	}
	if name == "" || !(kaIsAlpha(name[0]) || name[0] == '_') {
		return nil, 0, ""
	}
	n := 1
	for n < len(name) && (kaIsAlnum(name[n]) || name[n] == '_') {
		n++
	}
	p := n
	paramStart, paramEnd := -1, -1
	if braces {
		for p < len(name) && (name[p] == ' ' || kaIsDigit(name[p])) {
			if name[p] != ' ' {
				if paramStart < 0 {
					paramStart = p
				}
				paramEnd = p
			}
			p++
		}
		if paramStart >= 0 && paramEnd+1 != p {
			return nil, 0, ""
		}
		if p >= len(name) || name[p] != '}' {
			return nil, 0, ""
		}
	} else if p < len(name) && name[p] != ' ' && name[p] != '\t' && name[p] != ',' && name[p] != ')' {
		return nil, 0, ""
	}
	// A multi-line definition may only be used at the end of a line.
	atEnd := (!braces && n == len(name)) || (braces && n+1 == len(name))
	for _, def := range d.list {
		if def.name != name[:n] || (def.multiline && !atEnd) {
			continue
		}
		if paramStart >= 0 && def.maxParams == 0 {
			return nil, 0, ""
		}
		refLen = n
		if braces {
			refLen = n + 2
		}
		if paramStart >= 0 {
			params = name[paramStart : paramEnd+1]
			refLen = p + 2 // '{', name, parameters, '}'
		}
		return def, refLen, params
	}
	return nil, 0, ""
}

// byName finds a definition by its exact name.
func (d *kaDefs) byName(name string) *kaDef {
	for _, def := range d.list {
		if def.name == name {
			return def
		}
	}
	return nil
}

// set gives name a one-line value, as ~SEQ and ~LST do for their
// variables (set_definition).
func (d *kaDefs) set(name, value string) {
	def := d.byName(name)
	if def == nil {
		def = &kaDef{name: name}
		d.list = append(d.list, def)
	}
	def.fn = nil
	def.value = value
	def.multiline = false
}

// define parses a `$NAME=value` line (check_definition). It returns nil
// when the line is not a definition.
func (d *kaDefs) define(line string) *kaDef {
	if len(line) < 2 || line[0] != '$' || !(kaIsAlpha(line[1]) || line[1] == '_') {
		return nil
	}
	p := 2
	for p < len(line) && line[p] != '=' {
		if !kaIsAlnum(line[p]) && line[p] != '_' {
			return nil
		}
		p++
	}
	if p >= len(line) {
		return nil
	}
	name := line[1:p]
	def := d.byName(name)
	if def == nil {
		def = &kaDef{name: name}
		d.list = append(d.list, def)
	}
	def.fn = nil
	value := line[kaSkipBlanks(line, p+1):]
	def.multiline = false
	if strings.HasSuffix(value, "\\") {
		n := len(value)
		for n >= 2 && kaIsBlank(value[n-2]) {
			n--
		}
		def.multiline = true
		if n < 2 {
			value = ""
		} else {
			// The '\' becomes the end of the value's first line.
			value = value[:n-1] + "\n"
		}
	}
	def.value = value
	return def
}

// kaContinueDef adds a line to a multi-line definition being read. It
// reports whether the definition goes on after this line.
func kaContinueDef(def *kaDef, line string) bool {
	more := false
	n := len(line)
	if n > 0 && line[n-1] == '\\' {
		n--
		for n >= 1 && kaIsBlank(line[n-1]) {
			n--
		}
		line = line[:n] + "\n"
		n++
		more = true
	} else if def.value == "" {
		def.multiline = false
	}
	// Blank continuation lines are not kept.
	if n >= 2 || (n > 0 && !more) {
		def.value += line[:n]
	}
	return more
}

// kaEndDef closes a multi-line definition on a blank line.
func kaEndDef(def *kaDef) {
	if def.value == "" {
		def.multiline = false
	}
}

// kaReplaceMax bounds how many references one line may expand, so that a
// definition using itself cannot loop for ever (keepalived would).
const kaReplaceMax = 10000

// replace substitutes definitions in line as replace_param() does. It
// returns the new line and whether anything was replaced; lines of a
// multi-line value after its first are queued on ml. A
// substitution that would make the line longer than keepalived's buffer
// stops the expansion (and reports false, as keepalived does).
func (r *kaReader) replace(line string, max int, ml *kaMultiline) (string, bool) {
	found := false
	rest, restSet := ml.rest, ml.active
	newRest, newSet := rest, restSet
	cur := 0
	for guard := 0; ; guard++ {
		i := strings.IndexByte(line[cur:], '$')
		if i < 0 || cur+i+1 >= len(line) {
			break
		}
		cur += i
		if guard > kaReplaceMax {
			r.diags.Add(SevDiag, r.pos(), "Parameter substitution on line '%s' does not terminate", line)
			break
		}
		def, refLen, params := r.defs.find(line[cur+1:])
		if def == nil {
			cur++
			continue
		}
		found = true
		newRest, newSet = rest, restSet
		if def.multiline && restSet {
			ml.stack = append(ml.stack, kaMLState{rest: rest, seqDepth: r.seqDepth})
		}
		if def.multiline {
			r.seqDepth = r.seqCount
		}
		value := def.value
		if def.fn != nil {
			value = def.fn(params)
		}
		repl := value
		if def.multiline {
			nl := strings.IndexByte(value, '\n')
			if nl < 0 {
				nl = len(value)
				newRest, newSet = "", false
			} else {
				newRest, newSet = value[nl+1:], true
			}
			repl = value[:nl]
			rest, restSet = newRest, newSet
		}
		if len(line)+len(repl)-(refLen+1) >= max {
			r.diags.Add(SevDiag, r.pos(), "Parameter substitution on line '%s' would exceed maximum line length", line)
			return line, false
		}
		line = line[:cur] + repl + line[cur+1+refLen:]
		if v := strings.TrimLeft(value, " \t"); strings.HasPrefix(v, "~") {
			break
		}
	}
	if found {
		ml.rest, ml.active = newRest, newSet
	}
	return line, found
}

// kaMLState is one saved position in a multi-line definition whose
// expansion was interrupted by another one (multiline_stack).
type kaMLState struct {
	rest     string
	seqDepth int
}

// kaMultiline is the expansion of a multi-line definition in progress:
// the lines still to return (next_ptr) and the interrupted ones.
type kaMultiline struct {
	rest   string
	active bool
	stack  []kaMLState
}

// nextLine returns the next line of the expansion in progress.
func (r *kaReader) nextMultiline() string {
	nl := strings.IndexByte(r.ml.rest, '\n')
	if nl >= 0 {
		line := r.ml.rest[:nl]
		r.ml.rest = r.ml.rest[nl+1:]
		return line
	}
	line := r.ml.rest
	if n := len(r.ml.stack); n > 0 {
		top := r.ml.stack[n-1]
		r.ml.stack = r.ml.stack[:n-1]
		r.ml.rest = top.rest
		r.seqDepth = top.seqDepth
	} else {
		r.ml.rest, r.ml.active = "", false
		r.seqDepth = 0
	}
	return line
}
