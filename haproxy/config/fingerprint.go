package config

// HAProxy suggests a keyword when it meets an unknown one ("did you mean
// 'X' maybe ?"). The choice is made by comparing "fingerprints": counts of
// transitions between character classes (each letter, digit, other), as in
// src/tools.c update_word_fingerprint() and word_fingerprint_distance() of
// 2.6. Suggestions must name the same word HAProxy names, so the algorithm,
// the candidate lists and their order are reproduced exactly: on a tie the
// first candidate wins.

// fingerprint indexes 32*from+to; classes are 1..26 letters, 27 digits,
// 28 anything else and the word's begin and end; row 0 marks presence.
type fingerprint [1024]uint8

func makeFingerprint(word string) *fingerprint {
	var fp fingerprint
	from := 28
	for i := 0; i < len(word); i++ {
		c := word[i]
		var to int
		switch {
		case c >= 'a' && c <= 'z':
			to = int(c-'a') + 1
		case c >= 'A' && c <= 'Z':
			to = int(c-'A') + 1
		case c >= '0' && c <= '9':
			to = 27
		default:
			to = 28
		}
		fp[to] = 1
		fp[32*from+to]++
		from = to
	}
	fp[32*from+28]++
	return &fp
}

func (a *fingerprint) distance(b *fingerprint) int {
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

// bestMatch returns the candidate closest to word, or "" when even the best
// is too far: more than twice the length of either word (the threshold all
// of 2.6's callers use: cfg_find_best_match, bind_find_best_kw,
// srv_find_best_kw, proxy_find_best_option). Lists are searched in order.
func bestMatch(word string, lists ...[]string) string {
	return bestMatchFactor(word, 2, lists...)
}

// bestMatchFactor is bestMatch with another threshold factor (action
// keywords registered with a prefix match use 3).
func bestMatchFactor(word string, factor int, lists ...[]string) string {
	wfp := makeFingerprint(word)
	best, bestDist := "", -1
	for _, list := range lists {
		for _, cand := range list {
			d := wfp.distance(makeFingerprint(cand))
			if bestDist < 0 || d < bestDist {
				best, bestDist = cand, d
			}
		}
	}
	if best == "" || bestDist > factor*len(word) || bestDist > factor*len(best) {
		return ""
	}
	return best
}
