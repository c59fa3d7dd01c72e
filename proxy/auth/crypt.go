package auth

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"hash"
	"strconv"
	"strings"
)

const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Verify reports whether password matches a crypt(3) hash. ok is false
// for schemes this package does not compute (DES, yescrypt...).
func Verify(password []byte, hashed string) (match, ok bool) {
	var out string
	switch {
	case strings.HasPrefix(hashed, "$1$"):
		out, ok = md5Crypt(password, hashed)
	case strings.HasPrefix(hashed, "$5$"):
		out, ok = shaCrypt(password, hashed, "$5$", sha256.New, sha256Order())
	case strings.HasPrefix(hashed, "$6$"):
		out, ok = shaCrypt(password, hashed, "$6$", sha512.New, sha512Order())
	}
	if !ok {
		return false, false
	}
	return subtle.ConstantTimeCompare([]byte(out), []byte(hashed)) == 1, true
}

// Computes reports whether Verify computes a hash's scheme: MD5 ($1$),
// SHA-256 ($5$) and SHA-512 ($6$) crypt. glibc's crypt(3) also knows
// DES, bcrypt, yescrypt, scrypt...; hakeep does not compute them yet.
func Computes(hashed string) bool {
	return strings.HasPrefix(hashed, "$1$") || strings.HasPrefix(hashed, "$5$") || strings.HasPrefix(hashed, "$6$")
}

func to64(dst []byte, v uint32, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, itoa64[v&0x3f])
		v >>= 6
	}
	return dst
}

// md5Crypt is Poul-Henning Kamp's MD5 crypt ("$1$salt$hash").
func md5Crypt(pw []byte, setting string) (string, bool) {
	const magic = "$1$"
	salt := setting[len(magic):]
	if i := strings.IndexByte(salt, '$'); i >= 0 {
		salt = salt[:i]
	}
	if len(salt) > 8 {
		salt = salt[:8]
	}
	alt := md5.New()
	alt.Write(pw)
	alt.Write([]byte(salt))
	alt.Write(pw)
	final := alt.Sum(nil)
	ctx := md5.New()
	ctx.Write(pw)
	ctx.Write([]byte(magic))
	ctx.Write([]byte(salt))
	for pl := len(pw); pl > 0; pl -= 16 {
		ctx.Write(final[:min(pl, 16)])
	}
	for i := len(pw); i > 0; i >>= 1 {
		if i&1 != 0 {
			ctx.Write([]byte{0})
		} else {
			ctx.Write(pw[:1])
		}
	}
	final = ctx.Sum(nil)
	for i := 0; i < 1000; i++ {
		c := md5.New()
		if i&1 != 0 {
			c.Write(pw)
		} else {
			c.Write(final)
		}
		if i%3 != 0 {
			c.Write([]byte(salt))
		}
		if i%7 != 0 {
			c.Write(pw)
		}
		if i&1 != 0 {
			c.Write(final)
		} else {
			c.Write(pw)
		}
		final = c.Sum(final[:0])
	}
	out := []byte(magic + salt + "$")
	f := func(a, b, c int) uint32 { return uint32(final[a])<<16 | uint32(final[b])<<8 | uint32(final[c]) }
	out = to64(out, f(0, 6, 12), 4)
	out = to64(out, f(1, 7, 13), 4)
	out = to64(out, f(2, 8, 14), 4)
	out = to64(out, f(3, 9, 15), 4)
	out = to64(out, f(4, 10, 5), 4)
	out = to64(out, uint32(final[11]), 2)
	return string(out), true
}

// sha256Order and sha512Order are the byte triples of the SHA-crypt
// output encoding; the last entry holds the remaining bytes.
func sha256Order() [][3]int {
	return [][3]int{{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
		{15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}, {-1, 31, 30}}
}

func sha512Order() [][3]int {
	return [][3]int{{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4},
		{47, 5, 26}, {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10},
		{53, 11, 32}, {12, 33, 54}, {34, 55, 13}, {56, 14, 35}, {15, 36, 57}, {37, 58, 16},
		{59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}, {-1, -1, 63}}
}

// shaCrypt is Ulrich Drepper's SHA-crypt ("$5$" and "$6$", with an
// optional "rounds=N$").
func shaCrypt(pw []byte, setting, magic string, newHash func() hash.Hash, order [][3]int) (string, bool) {
	rest := setting[len(magic):]
	rounds, custom := 5000, false
	if strings.HasPrefix(rest, "rounds=") {
		i := strings.IndexByte(rest, '$')
		if i < 0 {
			return "", false
		}
		n, err := strconv.Atoi(rest[len("rounds="):i])
		if err != nil {
			return "", false
		}
		rounds, custom = min(max(n, 1000), 999999999), true
		rest = rest[i+1:]
	}
	salt := rest
	if i := strings.IndexByte(salt, '$'); i >= 0 {
		salt = salt[:i]
	}
	if len(salt) > 16 {
		salt = salt[:16]
	}
	sb := []byte(salt)
	b := newHash()
	b.Write(pw)
	b.Write(sb)
	b.Write(pw)
	bsum := b.Sum(nil)
	size := len(bsum)
	a := newHash()
	a.Write(pw)
	a.Write(sb)
	for n := len(pw); n > 0; n -= size {
		a.Write(bsum[:min(n, size)])
	}
	for n := len(pw); n > 0; n >>= 1 {
		if n&1 != 0 {
			a.Write(bsum)
		} else {
			a.Write(pw)
		}
	}
	asum := a.Sum(nil)
	dp := newHash()
	for i := 0; i < len(pw); i++ {
		dp.Write(pw)
	}
	dpsum := dp.Sum(nil)
	p := make([]byte, 0, len(pw))
	for len(p) < len(pw) {
		p = append(p, dpsum[:min(len(pw)-len(p), size)]...)
	}
	ds := newHash()
	for i := 0; i < 16+int(asum[0]); i++ {
		ds.Write(sb)
	}
	dssum := ds.Sum(nil)
	s := make([]byte, 0, len(sb))
	for len(s) < len(sb) {
		s = append(s, dssum[:min(len(sb)-len(s), size)]...)
	}
	c := asum
	for i := 0; i < rounds; i++ {
		h := newHash()
		if i&1 != 0 {
			h.Write(p)
		} else {
			h.Write(c)
		}
		if i%3 != 0 {
			h.Write(s)
		}
		if i%7 != 0 {
			h.Write(p)
		}
		if i&1 != 0 {
			h.Write(c)
		} else {
			h.Write(p)
		}
		c = h.Sum(c[:0])
	}
	out := []byte(magic)
	if custom {
		out = append(out, "rounds="...)
		out = strconv.AppendInt(out, int64(rounds), 10)
		out = append(out, '$')
	}
	out = append(out, salt...)
	out = append(out, '$')
	last := len(order) - 1
	for i, t := range order {
		byteAt := func(j int) uint32 {
			if j < 0 {
				return 0
			}
			return uint32(c[j])
		}
		w := byteAt(t[0])<<16 | byteAt(t[1])<<8 | byteAt(t[2])
		n := 4
		if i == last {
			n = 3
			if t[1] < 0 {
				n = 2
			}
		}
		out = to64(out, w, n)
	}
	return string(out), true
}
