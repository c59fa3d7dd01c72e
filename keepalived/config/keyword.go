package config

// keyword is one entry of keepalived's keyword tables (keyword_t in
// lib/parser.h): a handler for its line, the keywords of its block if it
// opens one, and a handler for the end of that block.
type keyword struct {
	name    string
	handler func(p *pass, l *line)
	sub     []*keyword
	end     func(p *pass)
	// active is false for the root keywords another process handles:
	// this reading skips their blocks.
	active bool
}

// kw is a keyword without a block.
func kw(name string, h func(p *pass, l *line)) *keyword {
	return &keyword{name: name, handler: h, active: true}
}

// block is a keyword whose block holds the keywords sub, with end called
// when the block is closed.
func block(name string, h func(p *pass, l *line), end func(p *pass), sub ...*keyword) *keyword {
	if sub == nil {
		sub = []*keyword{}
	}
	return &keyword{name: name, handler: h, sub: sub, end: end, active: true}
}

// root makes k a root keyword of a reading; an inactive one keeps its
// name only (keepalived installs no sub-keywords for it).
func root(active bool, k *keyword) *keyword {
	if !active {
		return &keyword{name: k.name}
	}
	return k
}

// findKeyword returns the first keyword named name: keepalived matches
// keywords exactly, in table order.
func findKeyword(kws []*keyword, name string) *keyword {
	for _, k := range kws {
		if k.name == name {
			return k
		}
	}
	return nil
}
