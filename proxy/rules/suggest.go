package rules

// fingerprint is HAProxy's make_word_fingerprint: counts of transitions
// between character classes (a-z folded 1..26, digits 27, anything else,
// the beginning and the end 28) in cells 32*from+to, plus row 0 marking
// which classes appear; used to suggest the closest keyword.
func fingerprint(word string) [1024]uint8 {
	var fp [1024]uint8
	class := func(c byte) int {
		switch {
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 1
		case c >= 'A' && c <= 'Z':
			return int(c-'A') + 1
		case c >= '0' && c <= '9':
			return 27
		}
		return 28
	}
	from := 28
	for i := 0; i < len(word); i++ {
		to := class(word[i])
		fp[to] = 1
		fp[32*from+to]++
		from = to
	}
	fp[32*from+28]++
	return fp
}

func fpDistance(a, b *[1024]uint8) int {
	d := 0
	for i := range a {
		k := int(a[i]) - int(b[i])
		if k < 0 {
			k = -k
		}
		d += k
	}
	return d
}

// suggest is action_suggest: the closest of the keywords, then of the
// extra words, if close enough; "" otherwise.
func suggest(word string, kws, extra []string) string {
	wf := fingerprint(word)
	best, bestDist, bestIsKw := "", 1<<30, false
	for _, k := range kws {
		f := fingerprint(k)
		if d := fpDistance(&wf, &f); d < bestDist {
			best, bestDist, bestIsKw = k, d, true
		}
	}
	for _, k := range extra {
		f := fingerprint(k)
		if d := fpDistance(&wf, &f); d < bestDist {
			best, bestDist, bestIsKw = k, d, false
		}
	}
	if bestDist > 2*len(word) || (bestIsKw && bestDist > 2*len(best)) {
		return ""
	}
	return best
}
