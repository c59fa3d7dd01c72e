package tlsconf

import (
	"crypto/tls"
	"fmt"
	"strings"
)

// DefaultCiphers is OpenSSL's own cipher string, which HAProxy leaves in
// place when neither "ciphers" nor "ssl-default-bind-ciphers" (or their
// server counterparts) is set.
const DefaultCiphers = "DEFAULT"

// CipherList is a "ciphers" string (configuration.txt section 5.1,
// "ciphers"; "man 1 ciphers") evaluated as OpenSSL 3.0's
// SSL_CTX_set_cipher_list() evaluates it, then mapped onto crypto/tls.
type CipherList struct {
	// Spec is the string as written.
	Spec string
	// Suites are the crypto/tls suites selected, in the order OpenSSL
	// puts them: the server's preference order.
	Suites []uint16
	// Unsupported names the ciphers the string selects that HAProxy
	// negotiates but crypto/tls does not implement (finite-field DHE,
	// CCM, ARIA, Camellia, CBC with SHA-384...). Clients offering only
	// those are refused.
	Unsupported []string
	// SecLevel is OpenSSL's security level (1 unless "@SECLEVEL=n"):
	// from level 1 on, OpenSSL 3.0 negotiates no TLS 1.0 or 1.1 (their
	// handshake signatures are too weak).
	SecLevel int
}

// cipherRule is what a cipher string element does (CIPHER_ADD,
// CIPHER_DEL, CIPHER_KILL, CIPHER_ORD).
type cipherRule uint8

const (
	ruleAdd cipherRule = iota
	ruleDel
	ruleKill
	ruleOrd
)

// cipherEntry is one cipher of the working list.
type cipherEntry struct {
	c      *opensslCipher
	active bool
}

// ParseCiphers evaluates a cipher string. An element is a cipher name
// (OpenSSL's), an alias, or aliases joined by '+'
// (all must match), prefixed by nothing (add), '-' (remove, may come
// back), '!' (remove for good) or '+' (move to the end); "@STRENGTH"
// sorts by key length and "@SECLEVEL=n" is accepted; "DEFAULT" is
// expanded at the start only. Unknown words are skipped, as OpenSSL
// skips them; a string that selects nothing is an error, as
// SSL_CTX_set_cipher_list() fails then.
func ParseCiphers(spec string) (*CipherList, error) {
	if strings.HasPrefix(spec, "SUITEB") {
		// check_suiteb_cipher_list(): the string switches OpenSSL to
		// RFC 6460's Suite B mode, restricting curves and signatures
		return nil, fmt.Errorf("cipher string '%s' asks for Suite B mode (RFC 6460), which crypto/tls does not implement", spec)
	}
	active, level, err := evalCiphers(spec)
	if err != nil {
		return nil, err
	}
	out := &CipherList{Spec: spec, SecLevel: level}
	supported := goSuites()
	for _, c := range active {
		if !negotiable(c) {
			continue
		}
		if supported[c.id] {
			out.Suites = append(out.Suites, c.id)
		} else {
			out.Unsupported = append(out.Unsupported, c.name)
		}
	}
	return out, nil
}

// evalCiphers returns the ciphers a string selects, in order, and the
// security level it sets.
func evalCiphers(spec string) ([]*opensslCipher, int, error) {
	table := opensslCiphers()
	byName := make(map[string]*opensslCipher, 2*len(table))
	aliases := map[string]map[*opensslCipher]bool{}
	list := make([]cipherEntry, len(table))
	for i := range table {
		c := &table[i]
		byName[c.name] = c
		for _, a := range strings.Fields(c.aliases) {
			if aliases[a] == nil {
				aliases[a] = map[*opensslCipher]bool{}
			}
			aliases[a][c] = true
		}
		list[i] = cipherEntry{c: c}
	}
	p := &cipherParser{byName: byName, aliases: aliases, list: list, level: 1}
	rest := spec
	if strings.HasPrefix(rest, "DEFAULT") {
		// SSL_DEFAULT_CIPHER_LIST, then the rest of the string
		if err := p.run("ALL:!COMPLEMENTOFDEFAULT:!eNULL"); err != nil {
			return nil, 0, err
		}
		rest = strings.TrimPrefix(rest[len("DEFAULT"):], ":")
	}
	if err := p.run(rest); err != nil {
		return nil, 0, fmt.Errorf("invalid cipher string '%s': %w", spec, err)
	}
	var active []*opensslCipher
	for _, e := range p.list {
		if e.active {
			active = append(active, e.c)
		}
	}
	if len(active) == 0 {
		return nil, 0, fmt.Errorf("no cipher match in '%s'", spec)
	}
	return active, p.level, nil
}

// cipherParser is ssl_cipher_process_rulestr() over the working list.
type cipherParser struct {
	byName  map[string]*opensslCipher
	aliases map[string]map[*opensslCipher]bool
	list    []cipherEntry
	level   int
}

// itemSep is ITEM_SEP(): the characters between elements.
func itemSep(ch byte) bool { return ch == ':' || ch == ' ' || ch == ';' || ch == ',' }

// wordChar is what a cipher or alias name is made of.
func wordChar(ch byte) bool {
	return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' ||
		ch == '-' || ch == '.' || ch == '='
}

func (p *cipherParser) run(s string) error {
	i := 0
	for i < len(s) {
		ch := s[i]
		rule := ruleAdd
		special := false
		switch ch {
		case '-':
			rule = ruleDel
			i++
		case '+':
			rule = ruleOrd
			i++
		case '!':
			rule = ruleKill
			i++
		case '@':
			special = true
			i++
		}
		if itemSep(ch) {
			i++
			continue
		}
		// the words of the element, joined by '+'
		var match map[*opensslCipher]bool
		var explicit *opensslCipher
		found := true
		var word string
		for {
			start := i
			for i < len(s) && wordChar(s[i]) {
				i++
			}
			if i == start {
				// neither a command, a separator nor a name
				return fmt.Errorf("invalid command at '%s'", s[start:])
			}
			word = s[start:i]
			multi := i < len(s) && s[i] == '+'
			if multi {
				i++
			}
			if special {
				break
			}
			if c, ok := p.byName[word]; ok {
				explicit = c
			} else if set, ok := p.aliases[word]; ok {
				match = intersect(match, set)
			} else {
				found = false
			}
			if !found || !multi {
				break
			}
		}
		if special {
			switch {
			case word == "STRENGTH":
				p.strengthSort()
			case strings.HasPrefix(word, "SECLEVEL=") && len(word) == 10 && word[9] >= '0' && word[9] <= '5':
				// the security level filters at negotiation time;
				// crypto/tls never negotiates the ciphers level 1
				// refuses, the protocols are checked by the caller
				p.level = int(word[9] - '0')
			default:
				return fmt.Errorf("invalid command '@%s'", word)
			}
		} else if found {
			p.apply(rule, func(c *opensslCipher) bool {
				if explicit != nil {
					return c == explicit
				}
				return match[c]
			})
		}
		// the rest of an element not understood is thrown away
		for i < len(s) && !itemSep(s[i]) {
			i++
		}
	}
	return nil
}

// intersect is the ciphers in both sets; a nil a is "everything".
func intersect(a, b map[*opensslCipher]bool) map[*opensslCipher]bool {
	if a == nil {
		return b
	}
	out := map[*opensslCipher]bool{}
	for c := range a {
		if b[c] {
			out[c] = true
		}
	}
	return out
}

// apply is ssl_cipher_apply_rule(): additions and reorders move the
// matching ciphers to the end in list order, deletions to the head,
// kills out of the list.
func (p *cipherParser) apply(rule cipherRule, match func(*opensslCipher) bool) {
	var moved, kept []cipherEntry
	for _, e := range p.list {
		m := match(e.c)
		switch {
		case !m:
			kept = append(kept, e)
		case rule == ruleAdd && !e.active:
			e.active = true
			moved = append(moved, e)
		case rule == ruleOrd && e.active:
			moved = append(moved, e)
		case rule == ruleDel && e.active:
			e.active = false
			moved = append(moved, e)
		case rule == ruleKill:
			// gone for good
		default:
			kept = append(kept, e)
		}
	}
	if rule == ruleDel {
		p.list = append(moved, kept...)
		return
	}
	p.list = append(kept, moved...)
}

// strengthSort is ssl_cipher_strength_sort(): the active ciphers ordered
// by decreasing strength, ties keeping their order.
func (p *cipherParser) strengthSort() {
	max := 0
	for _, e := range p.list {
		if e.active && e.c.bits > max {
			max = e.c.bits
		}
	}
	for b := max; b >= 0; b-- {
		p.apply(ruleOrd, func(c *opensslCipher) bool { return c.bits == b })
	}
}

// negotiable tells whether HAProxy could negotiate the cipher with an
// RSA or ECDSA certificate at OpenSSL's default security level: no
// anonymous or null ciphers, no MD5, no PSK or SRP (HAProxy sets no
// callback for them), no DSS (no DSA certificates).
func negotiable(c *opensslCipher) bool {
	for _, a := range strings.Fields(c.aliases) {
		switch a {
		case "aNULL", "eNULL", "MD5", "PSK", "SRP", "aDSS":
			return false
		}
	}
	return true
}

// goSuites are the TLS 1.2-and-earlier suites crypto/tls implements,
// the insecure ones included: configured explicitly, they are used.
func goSuites() map[uint16]bool {
	m := map[uint16]bool{}
	for _, s := range tls.CipherSuites() {
		m[s.ID] = true
	}
	for _, s := range tls.InsecureCipherSuites() {
		m[s.ID] = true
	}
	return m
}
