package parser

import (
	"fmt"

	"github.com/alecthomas/participle/v2"
)

// The grammar of one haproxy.cfg file once the lexer has resolved its
// lines (configuration.txt section 2.1): keyword lines before the first
// section keyword, then sections, each running from its keyword line to
// the next section keyword or the end of the file.
type haGrammarFile struct {
	Loose    bool               `parser:"@Lines?"`
	Sections []haGrammarSection `parser:"@@*"`
}

type haGrammarSection struct {
	Head bool `parser:"@Section"`
	Body bool `parser:"@Lines?"`
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

// build walks the tree in source order alongside the lexer's lines; runs
// are the lengths of the Lines tokens, in order.
func (b *haBuilder) build(file string, tree *haGrammarFile, lines []haLine, runs []int) ([]*Directive, error) {
	out := make([]*Directive, 0, len(tree.Sections)+1)
	next := 0
	take := func(section bool) (*Directive, error) {
		if next >= len(lines) || lines[next].section != section {
			return nil, fmt.Errorf("internal error: parse tree and lines of %q disagree at line %d", file, next)
		}
		d := b.directive(file, &lines[next])
		next++
		return d, nil
	}
	run := func() (int, error) {
		if len(runs) == 0 {
			return 0, fmt.Errorf("internal error: parse tree of %q has more line runs than its tokens", file)
		}
		n := runs[0]
		runs = runs[1:]
		return n, nil
	}
	if tree.Loose {
		n, err := run()
		if err != nil {
			return nil, err
		}
		for i := 0; i < n; i++ {
			d, err := take(false)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	for i := range tree.Sections {
		head, err := take(true)
		if err != nil {
			return nil, err
		}
		n := 0
		if tree.Sections[i].Body {
			if n, err = run(); err != nil {
				return nil, err
			}
		}
		head.Children = make([]*Directive, 0, n)
		for j := 0; j < n; j++ {
			d, err := take(false)
			if err != nil {
				return nil, err
			}
			head.Children = append(head.Children, d)
			head.EndPos = d.EndPos
		}
		out = append(out, head)
	}
	if next != len(lines) || len(runs) != 0 {
		return nil, fmt.Errorf("internal error: %d lines of %q left out of the parse tree", len(lines)-next, file)
	}
	return out, nil
}
