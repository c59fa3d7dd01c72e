package parser

import (
	"os"

	"github.com/alecthomas/participle/v2"
)

// ParseHAProxy reads haproxy.cfg files in order, like repeated `-f`
// options (management.txt section 3). A path naming a directory stands
// for its regular, non-hidden "*.cfg" files in C collation order. Each
// file starts fresh: the end of a file ends its section (configuration.txt
// section 2.1).
//
// The result holds, per file, the keyword lines before any section as
// plain directives, then one block directive per section keyword line
// whose Children are the lines up to the next section keyword or the end
// of the file. Lines dropped by `.if` blocks, comments, empty lines and
// `[scope]` lines are not in it; `.diag`/`.notice`/`.warning`/`.alert`
// become diagnostics of that severity.
//
// Diagnostics carry HAProxy 2.6's own text. HAProxy prints them as
// "parsing [FILE:LINE]: " + Msg after its "config : " context (see
// HAProxyDiagText for the exceptions), in the order of the lines; a
// diagnostic with Pos.Col == 0 concerns the end of its line or file and
// comes after what that line itself produces. When one of them has Abort
// set, HAProxy reads no further file and checks nothing more: nothing
// read after it is returned. Diagnostics of severity SevDiag are only
// shown by HAProxy in diagnostic mode (-dD).
//
// The parser does not apply readcfgfile()'s limit of 50 fatal errors per
// file to keyword errors, which only the decoder sees.
func ParseHAProxy(paths []string, opts HAProxyOptions) ([]*Directive, Diagnostics) {
	files, diag := ExpandHAProxyPaths(paths)
	if diag != nil {
		return nil, Diagnostics{diag}
	}
	p := newHAProxyParse(&opts)
	for _, f := range files {
		src, err := p.readFile(f)
		if err != nil {
			d := &Diagnostic{Severity: SevAlert, Pos: Pos{File: f}, Msg: "Could not open configuration file " + f + " : " + errnoText(err), Abort: true}
			p.diags = append(p.diags, d)
			break
		}
		if !p.file(f, src) {
			break
		}
	}
	return p.out, p.diags
}

// ParseHAProxySource parses one file's contents; name is the file name
// positions and ${.FILE} use.
func ParseHAProxySource(name string, src []byte, opts HAProxyOptions) ([]*Directive, Diagnostics) {
	p := newHAProxyParse(&opts)
	p.file(name, src)
	return p.out, p.diags
}

// haParse is one ParseHAProxy call: the lexer definition and grammar are
// built once and reused for every file.
type haParse struct {
	opts     *HAProxyOptions
	def      *haLexDef
	grammar  *participle.Parser[haGrammarFile]
	buildErr error
	build    haBuilder
	out      []*Directive
	diags    Diagnostics
}

func newHAProxyParse(opts *HAProxyOptions) *haParse {
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	p := &haParse{opts: opts, def: &haLexDef{opts: opts}}
	p.grammar, p.buildErr = newHAProxyGrammar(p.def)
	return p
}

func (p *haParse) readFile(name string) ([]byte, error) {
	if p.opts.ReadFile != nil {
		return p.opts.ReadFile(name)
	}
	return os.ReadFile(name)
}

// file parses one file and reports whether the next one may be read.
func (p *haParse) file(name string, src []byte) bool {
	if p.buildErr != nil {
		p.diags.Add(SevAlert, Pos{File: name}, "internal error: %v", p.buildErr)
		return false
	}
	tree, err := p.grammar.ParseBytes(name, src)
	rd, toks := p.def.last, p.def.tokens
	p.def.last, p.def.tokens = nil, nil
	if rd != nil {
		p.diags = append(p.diags, rd.diags...)
	}
	if err == nil && rd != nil {
		var ds []*Directive
		ds, err = p.build.build(name, tree, rd.lines, toks.runs)
		p.out = append(p.out, ds...)
	}
	if err != nil {
		p.diags.Add(SevAlert, Pos{File: name}, "internal error: %v", err)
		return false
	}
	return !rd.aborted
}
