package parser

import (
	"io"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the haproxy.cfg lexer. A line's first word is a Section
// token when it opens a section (configuration.txt section 2.1, rule 7),
// every other word a Word; EOL ends each kept line.
const (
	haTokSection lexer.TokenType = -(iota + 2)
	haTokWord
	haTokEOL
)

// haLexDef is the participle lexer.Definition for haproxy.cfg. Lexing a
// file runs readcfgfile()'s line loop (haReader): quoting, escaping,
// environment variables, conditional blocks and message directives are
// all resolved there, so the tokens carry final values. What the tokens
// cannot carry (raw text, quoting, diagnostics) stays in the reader the
// definition hands back through last.
type haLexDef struct {
	opts  *HAProxyOptions
	split wordSplitter
	args  argSlab
	// last is the reader of the file lexed last.
	last *haReader
}

func (d *haLexDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF":     lexer.EOF,
		"Section": haTokSection,
		"Word":    haTokWord,
		"EOL":     haTokEOL,
	}
}

func (d *haLexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexBytes(filename, src)
}

func (d *haLexDef) LexString(filename, src string) (lexer.Lexer, error) {
	rd := &haReader{
		file:  filename,
		src:   src,
		opts:  d.opts,
		split: &d.split,
		args:  &d.args,
		env:   lineEnv{lookup: d.opts.LookupEnv, file: filename},
	}
	rd.read()
	d.last = rd
	return &haTokens{file: filename, lines: rd.lines}, nil
}

func (d *haLexDef) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	// one copy of the file: every bare word, raw text and line shares it
	return d.LexString(filename, string(src))
}

// haTokens replays the reader's kept lines as tokens.
type haTokens struct {
	file  string
	lines []haLine
	line  int // next line
	word  int // next word of that line; len(words) means its EOL
}

func (t *haTokens) Next() (lexer.Token, error) {
	if t.line >= len(t.lines) {
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Filename: t.file}}, nil
	}
	l := &t.lines[t.line]
	if t.word == len(l.words) {
		t.line++
		t.word = 0
		return lexer.Token{Type: haTokEOL, Pos: lexer.Position{Filename: t.file, Line: l.num, Column: len(l.raw) + 1}}, nil
	}
	w := &l.words[t.word]
	typ := haTokWord
	if t.word == 0 && l.section {
		typ = haTokSection
	}
	t.word++
	return lexer.Token{Type: typ, Value: w.Value, Pos: lexer.Position{Filename: t.file, Line: l.num, Column: w.Pos.Col}}, nil
}
