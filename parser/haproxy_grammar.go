package parser

import (
	"fmt"

	"github.com/alecthomas/participle/v2"
)

// The grammar of one haproxy.cfg file once the lexer has resolved its
// words (configuration.txt section 2.1): keyword lines before the first
// section keyword, then sections, each running from its keyword line to
// the next section keyword or the end of the file.
type haGrammarFile struct {
	Loose    []haGrammarLine    `parser:"@@*"`
	Sections []haGrammarSection `parser:"@@*"`
}

type haGrammarSection struct {
	Keyword string          `parser:"@Section"`
	Head    haGrammarLine   `parser:"@@"`
	Body    []haGrammarLine `parser:"@@*"`
}

// haGrammarLine is the rest of a line: its words and its end. The words
// themselves are read from the lexer's lines, in order, when the tree is
// turned into Directives, so the grammar only counts them.
type haGrammarLine struct {
	Words haWordCount `parser:"@Word* EOL"`
}

// haWordCount captures how many words a line has without keeping them.
type haWordCount int

func (c *haWordCount) Capture(values []string) error {
	*c += haWordCount(len(values))
	return nil
}

func newHAProxyGrammar(def *haLexDef) (*participle.Parser[haGrammarFile], error) {
	return participle.Build[haGrammarFile](participle.Lexer(def), participle.UseLookahead(1))
}

// haBuilder turns parse trees into Directives, allocating them in blocks.
type haBuilder struct {
	slab []Directive
}

func (b *haBuilder) alloc() *Directive {
	if len(b.slab) == 0 {
		b.slab = make([]Directive, 1024)
	}
	d := &b.slab[0]
	b.slab = b.slab[1:]
	return d
}

func (b *haBuilder) directive(file string, l *haLine) *Directive {
	d := b.alloc()
	d.Pos = l.words[0].Pos
	d.EndPos = Pos{File: file, Line: l.num, Col: len(l.raw) + 1}
	d.Name = l.words[0].Value
	d.Args = l.words[1:]
	d.Raw = l.raw
	return d
}

// build walks the tree in source order alongside the lexer's lines.
func (b *haBuilder) build(file string, tree *haGrammarFile, lines []haLine) ([]*Directive, error) {
	out := make([]*Directive, 0, len(tree.Loose)+len(tree.Sections))
	next := 0
	take := func(want int, section bool) (*Directive, error) {
		if next >= len(lines) || len(lines[next].words) != want || lines[next].section != section {
			return nil, fmt.Errorf("internal error: parse tree and lines of %q disagree at line %d", file, next)
		}
		d := b.directive(file, &lines[next])
		next++
		return d, nil
	}
	for i := range tree.Loose {
		d, err := take(int(tree.Loose[i].Words), false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	for i := range tree.Sections {
		s := &tree.Sections[i]
		head, err := take(1+int(s.Head.Words), true)
		if err != nil {
			return nil, err
		}
		head.Children = make([]*Directive, 0, len(s.Body))
		for j := range s.Body {
			d, err := take(int(s.Body[j].Words), false)
			if err != nil {
				return nil, err
			}
			head.Children = append(head.Children, d)
			head.EndPos = d.EndPos
		}
		out = append(out, head)
	}
	if next != len(lines) {
		return nil, fmt.Errorf("internal error: %d lines of %q left out of the parse tree", len(lines)-next, file)
	}
	return out, nil
}
