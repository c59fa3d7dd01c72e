package parser

import (
	"errors"
	"io"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the keepalived lexer: the reader has already cut lines at
// braces, so a '{' or '}' is a token of its own and every other line is a
// run of words closed by an end of line.
const (
	kaTokWord lexer.TokenType = -(iota + 2)
	kaTokEOL
	kaTokOpen
	kaTokClose
)

// The grammar. Every sequence of tokens parses: unbalanced braces are
// represented, never rejected, because keepalived goes on with them.
//
//	file  = item* ;
//	item  = "}" | node ;
//	node  = words EOL block? | block ;
//	block = "{" node* "}"? ;
type kaGFile struct {
	Items []*kaGItem `parser:"@@*"`
}

type kaGItem struct {
	Close *lexer.Token `parser:"  @Close"`
	Node  *kaGNode     `parser:"| @@"`
}

type kaGNode struct {
	Line  *kaGLine  `parser:"( @@"`
	Block *kaGBlock `parser:"  @@? ) | @@"`
}

type kaGLine struct {
	Tokens []lexer.Token
	Words  []string `parser:"@Word+ EOL"`
}

type kaGBlock struct {
	Open  lexer.Token  `parser:"@Open"`
	Nodes []*kaGNode   `parser:"@@*"`
	Close *lexer.Token `parser:"@Close?"`
}

// kaLexDef names the token types for participle; tokens are produced by
// kaTokens, never by lexing a reader, so Lex is not used.
type kaLexDef struct{}

func (kaLexDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF":   lexer.EOF,
		"Word":  kaTokWord,
		"EOL":   kaTokEOL,
		"Open":  kaTokOpen,
		"Close": kaTokClose,
	}
}

func (kaLexDef) Lex(string, io.Reader) (lexer.Lexer, error) {
	return nil, errors.New("keepalived tokens come from the line reader")
}

var _ lexer.Definition = kaLexDef{}

// kaTokenLexer replays a token slice.
type kaTokenLexer struct {
	toks []lexer.Token
	i    int
}

func (l *kaTokenLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.toks) {
		return lexer.EOFToken(lexer.Position{}), nil
	}
	t := l.toks[l.i]
	l.i++
	return t, nil
}

// kaWordInfo is what a Word token cannot carry: its raw spelling and its
// line. A token's Pos.Offset indexes this table.
type kaWordInfo struct {
	raw    string
	quoted bool
	pos    Pos
	line   string
	eol    Pos
}

// tokens reads every logical line and turns it into tokens.
func (r *kaReader) tokens() ([]lexer.Token, []kaWordInfo) {
	var toks []lexer.Token
	var info []kaWordInfo
	add := func(typ lexer.TokenType, value string, wi kaWordInfo) {
		toks = append(toks, lexer.Token{Type: typ, Value: value, Pos: lexer.Position{
			Filename: wi.pos.File, Offset: len(info), Line: wi.pos.Line, Column: wi.pos.Col}})
		info = append(info, wi)
	}
	for {
		line, ok := r.next()
		if !ok {
			break
		}
		switch line.text {
		case "{":
			r.anchor(line.pos)
			add(kaTokOpen, "{", kaWordInfo{raw: "{", pos: line.pos, line: line.text})
			continue
		case "}":
			r.anchor(line.pos)
			add(kaTokClose, "}", kaWordInfo{raw: "}", pos: line.pos, line: line.text})
			continue
		}
		words, unmatched := kaWords(line.text)
		if unmatched {
			r.diags.Add(SevWarning, line.pos, "Unmatched quote: '%s'", line.text)
		}
		if len(words) == 0 {
			continue
		}
		first := line.pos
		first.Col += words[0].offset
		r.anchor(first)
		eol := line.pos
		eol.Col += len(line.text)
		for _, w := range words {
			p := line.pos
			p.Col += w.offset
			add(kaTokWord, w.value, kaWordInfo{raw: w.raw, quoted: w.quoted, pos: p, line: line.text, eol: eol})
		}
		add(kaTokEOL, "", kaWordInfo{pos: eol, line: line.text})
	}
	if r.blockDepth > 0 {
		r.diags.Add(SevWarning, Pos{}, "There are %d missing '}'s or extra '{'s", r.blockDepth)
	}
	r.anchor(Pos{})
	return toks, info
}

// anchor records that the diagnostics reported since the last line came
// before the line whose first word is at p (zero: the end of the input).
func (r *kaReader) anchor(p Pos) {
	for len(r.anchors) < len(r.diags) {
		r.anchors = append(r.anchors, p)
	}
}

// kaGrammar is built once per parse: participle parsers are cheap next to
// reading files, and a package-level parser would be a global.
func kaGrammar() *participle.Parser[kaGFile] {
	return participle.MustBuild[kaGFile](participle.Lexer(kaLexDef{}), participle.UseLookahead(2))
}

// read is parse with the anchors of the diagnostics.
func (r *kaReader) read() KeepalivedRead {
	ds, diags := r.parse()
	r.anchor(Pos{})
	return KeepalivedRead{Directives: ds, Diags: diags, Anchors: r.anchors}
}

// parse reads everything and builds the directives.
func (r *kaReader) parse() ([]*Directive, Diagnostics) {
	toks, info := r.tokens()
	lex, err := lexer.Upgrade(&kaTokenLexer{toks: toks})
	if err != nil {
		r.diags.Add(SevAlert, Pos{}, "internal error reading tokens: %v", err)
		return nil, r.diags
	}
	file, err := kaGrammar().ParseFromLexer(lex)
	if err != nil {
		// The grammar accepts every token sequence; an error here is a
		// bug, not a configuration problem.
		r.diags.Add(SevAlert, Pos{}, "internal error parsing: %v", err)
		return nil, r.diags
	}
	b := kaBuilder{info: info}
	var ds []*Directive
	for _, it := range file.Items {
		if it.Close != nil {
			ds = append(ds, b.stray(*it.Close))
			continue
		}
		ds = append(ds, b.node(it.Node))
	}
	return ds, r.diags
}

type kaBuilder struct {
	info []kaWordInfo
}

func (b *kaBuilder) pos(t lexer.Token) Pos {
	return b.info[t.Pos.Offset].pos
}

func (b *kaBuilder) stray(t lexer.Token) *Directive {
	p := b.pos(t)
	return &Directive{Pos: p, EndPos: p, Name: "}", Raw: "}"}
}

func (b *kaBuilder) node(n *kaGNode) *Directive {
	var d *Directive
	if n.Line != nil {
		d = &Directive{}
		first := true
		for _, t := range n.Line.Tokens {
			if t.Type != kaTokWord {
				continue
			}
			wi := b.info[t.Pos.Offset]
			if first {
				d.Name, d.Pos, d.Raw, d.EndPos = t.Value, wi.pos, wi.line, wi.eol
				first = false
				continue
			}
			q := Bare
			if wi.quoted {
				q = Double
			}
			d.Args = append(d.Args, Arg{Pos: wi.pos, Value: t.Value, Raw: wi.raw, Quote: q})
		}
	}
	if n.Block == nil {
		return d
	}
	if d == nil {
		// A '{' that follows no line: an anonymous block.
		p := b.pos(n.Block.Open)
		d = &Directive{Name: "{", Pos: p, Raw: "{"}
	}
	d.OpenPos = b.pos(n.Block.Open)
	d.Children = []*Directive{}
	for _, c := range n.Block.Nodes {
		d.Children = append(d.Children, b.node(c))
	}
	d.EndPos = Pos{}
	if n.Block.Close != nil {
		d.EndPos = b.pos(*n.Block.Close)
	}
	return d
}
