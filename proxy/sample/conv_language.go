package sample

// language(<value>[,<default>]) (configuration.txt 7.3.1): of the
// semicolon-separated languages of <value>, the one an Accept-Language
// style list prefers (the highest q-value, the first on a tie, 1 ends the
// search), else <default>; src/sample.c's sample_conv_q_preferred.

func convLanguage(c *Ctx, a []Arg, s *Sample) bool {
	al := s.Str
	list := a[0].Str
	best, found := 0, ""
	i := 0
	for {
		for i < len(al) && isCSpace(al[i]) {
			i++
		}
		if i >= len(al) {
			break
		}
		tok := i
		for i < len(al) && al[i] != ';' && al[i] != ',' && !isCSpace(al[i]) {
			i++
		}
		match, ok := "", false
		if i > tok {
			match, ok = languageIn(list, al[tok:i])
		}
		if ok {
			q := languageQ(al, &i)
			if q > best {
				found = match
				if q >= 1000 {
					break
				}
				best = q
			}
		}
		for i < len(al) && al[i] != ',' {
			i++
		}
		if i >= len(al) {
			break
		}
		i++
	}
	if found == "" && a[1].Present {
		found = a[1].Str
	}
	if found == "" {
		return false
	}
	s.setStr(append(c.Trash(), found...), false)
	return true
}

// languageIn finds the first language of list that the range matches.
func languageIn(list string, rng []byte) (string, bool) {
	w := 0
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ';' {
			if languageRangeMatch(rng, list[w:i]) {
				return list[w:i], true
			}
			w = i + 1
		}
	}
	return "", false
}

// languageRangeMatch is language_range_match: the range equals the tag,
// or goes on with '-' once the tag is exhausted.
func languageRangeMatch(rng []byte, tag string) bool {
	t := 0
	for _, c := range rng {
		if c == '-' && t == len(tag) {
			return true
		}
		if t == len(tag) || c != tag[t] {
			return false
		}
		t++
	}
	return t == len(tag)
}

// languageQ reads an optional ";q=" after a language, 1000 without one,
// in thousandths as http_parse_qvalue counts; -1 when something else
// follows the language.
func languageQ(al []byte, i *int) int {
	p := *i
	defer func() { *i = p }()
	skip := func() bool {
		for p < len(al) && isCSpace(al[p]) {
			p++
		}
		return p < len(al)
	}
	if !skip() || al[p] == ',' {
		return 1000
	}
	if al[p] != ';' {
		return -1 // not a q-value: the entry is passed over
	}
	p++
	if !skip() || al[p] != 'q' {
		return 1000
	}
	p++
	if !skip() || al[p] != '=' {
		return 1000
	}
	p++
	if !skip() {
		return 1000
	}
	digit := func() (int, bool) {
		if p < len(al) && al[p] >= '0' && al[p] <= '9' {
			p++
			return int(al[p-1] - '0'), true
		}
		return 0, false
	}
	q := 1000
	if d, ok := digit(); ok {
		q = d * 1000
		if p < len(al) && al[p] == '.' {
			p++
			for _, m := range [...]int{100, 10, 1} {
				d, ok := digit()
				if !ok {
					break
				}
				q += d * m
			}
		} else {
			p++
		}
	}
	if q > 1000 {
		q = 1000
	}
	return q
}

// isCSpace is C's isspace in the "C" locale.
func isCSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}
