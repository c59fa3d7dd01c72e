package parser

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the haproxy.cfg lexer: a Section token for each line
// whose first word opens a section (configuration.txt section 2.1, rule
// 7) and a Lines token for each run of other lines. The words themselves
// stay in the reader's lines. Finer tokens cost too much in participle's
// reflection: with one token per word a 10,000-backend configuration
// took 1.6 s and 6.5 M allocations to parse, with one per line 150-230 ms
// and 0.6 M (BenchmarkParseHAProxy), so the grammar works at the coarsest
// granularity that still groups lines into sections.
const (
	haTokSection lexer.TokenType = -(iota + 2)
	haTokLines
)

// haLexDef is the participle lexer.Definition for haproxy.cfg. Lexing a
// file runs readcfgfile()'s line loop (haReader): quoting, escaping,
// environment variables, conditional blocks and message directives are
// all resolved there. The resolved lines and the diagnostics stay in the
// reader the definition hands back through last.
type haLexDef struct {
	opts  *HAProxyOptions
	split wordSplitter
	args  argSlab
	// last is the reader of the file lexed last, tokens its token stream.
	last   *haReader
	tokens *haTokens
}

func (d *haLexDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF":     lexer.EOF,
		"Section": haTokSection,
		"Lines":   haTokLines,
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
		// one kept line per LF at most: allocate them once
		lines: make([]haLine, 0, strings.Count(src, "\n")+1),
		file:  filename,
		src:   src,
		opts:  d.opts,
		split: &d.split,
		args:  &d.args,
		env:   lineEnv{lookup: d.opts.LookupEnv, file: filename},
	}
	rd.read()
	d.last = rd
	d.tokens = &haTokens{file: filename, lines: rd.lines}
	return d.tokens, nil
}

func (d *haLexDef) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	// one copy of the file: every bare word, raw text and line shares it
	return d.LexString(filename, string(src))
}

// haTokens replays the reader's kept lines as tokens, recording how many
// lines each Lines token stands for.
type haTokens struct {
	file  string
	lines []haLine
	next  int
	runs  []int
}

func (t *haTokens) Next() (lexer.Token, error) {
	if t.next >= len(t.lines) {
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Filename: t.file}}, nil
	}
	l := &t.lines[t.next]
	pos := lexer.Position{Filename: t.file, Line: l.num, Column: l.words[0].Pos.Col}
	if l.section {
		t.next++
		return lexer.Token{Type: haTokSection, Pos: pos}, nil
	}
	n := 0
	for t.next < len(t.lines) && !t.lines[t.next].section {
		t.next++
		n++
	}
	t.runs = append(t.runs, n)
	return lexer.Token{Type: haTokLines, Pos: pos}, nil
}
