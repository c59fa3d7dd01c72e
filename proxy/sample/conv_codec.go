package sample

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"strings"
)

// Encoding and hashing converters (configuration.txt §7.3.1 base64,
// b64dec, ub64enc, ub64dec, hex, hex2i, htonl, sdbm, djb2, wt6, crc32,
// crc32c, xxh32, xxh64, xxh3, sha1, sha2, digest, hmac).

func convB64Enc(enc *base64.Encoding) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		t := c.Trash()
		n := enc.EncodedLen(len(s.Str))
		if n > cap(t) {
			return false
		}
		t = t[:n]
		enc.Encode(t, s.Str)
		s.setStr(t, false)
		return true
	}
}

func convB64Dec(enc *base64.Encoding) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		t := c.Trash()
		n := enc.DecodedLen(len(s.Str))
		if n > cap(t) {
			return false
		}
		t = t[:n]
		n, err := enc.Decode(t, s.Str)
		if err != nil {
			return false
		}
		s.Type, s.Str, s.Const = Bin, t[:n], false
		return true
	}
}

// convHex is hex: upper-case hexadecimal.
func convHex(c *Ctx, a []Arg, s *Sample) bool {
	t := c.Trash()
	if 2*len(s.Str) > cap(t) {
		return false
	}
	for _, b := range s.Str {
		t = append(t, "0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15])
	}
	s.setStr(t, false)
	return true
}

func hexVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

func convHex2i(c *Ctx, a []Arg, s *Sample) bool {
	var n int64
	for _, b := range s.Str {
		v := hexVal(b)
		if v < 0 {
			return false
		}
		n = n<<4 + int64(v)
	}
	s.setInt(SInt, n)
	return true
}

func convHtonl(c *Ctx, a []Arg, s *Sample) bool {
	s.Str = binary.BigEndian.AppendUint32(c.Trash(), uint32(s.Int))
	s.Type, s.Const = Bin, false
	return true
}

// convHash32 is sdbm, djb2, wt6, crc32, crc32c with the optional
// avalanche argument.
func convHash32(f func([]byte) uint32) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		h := f(s.Str)
		if a[0].Present && a[0].Int != 0 {
			h = fullHash(h)
		}
		s.setInt(SInt, int64(h))
		return true
	}
}

// newDigest returns the hash of an OpenSSL digest name, nil if unknown
// here.
func newDigest(name string) func() hash.Hash {
	switch strings.ToLower(name) {
	case "md5":
		return md5.New
	case "sha1", "sha-1":
		return sha1.New
	case "sha224", "sha-224":
		return sha256.New224
	case "sha256", "sha-256":
		return sha256.New
	case "sha384", "sha-384":
		return sha512.New384
	case "sha512", "sha-512":
		return sha512.New
	case "sha512-224", "sha-512/224":
		return sha512.New512_224
	case "sha512-256", "sha-512/256":
		return sha512.New512_256
	}
	return nil
}

func (c *Ctx) digestInto(s *Sample, h hash.Hash) bool {
	h.Write(s.Str)
	s.Str = h.Sum(c.Trash())
	s.Type, s.Const = Bin, false
	return true
}

func convSHA1(c *Ctx, a []Arg, s *Sample) bool {
	sum := sha1.Sum(s.Str)
	s.Str = append(c.Trash(), sum[:]...)
	s.Type, s.Const = Bin, false
	return true
}

func convSHA2(c *Ctx, a []Arg, s *Sample) bool {
	bits := int64(256)
	if a[0].Present {
		bits = a[0].Int
	}
	t := c.Trash()
	switch bits {
	case 224:
		sum := sha256.Sum224(s.Str)
		t = append(t, sum[:]...)
	case 384:
		sum := sha512.Sum384(s.Str)
		t = append(t, sum[:]...)
	case 512:
		sum := sha512.Sum512(s.Str)
		t = append(t, sum[:]...)
	default:
		sum := sha256.Sum256(s.Str)
		t = append(t, sum[:]...)
	}
	s.Type, s.Str, s.Const = Bin, t, false
	return true
}

func convDigest(c *Ctx, a []Arg, s *Sample) bool {
	nh := newDigest(a[0].Str)
	if nh == nil {
		return false
	}
	return c.digestInto(s, nh())
}

// convHMAC is hmac(alg, key): the key is base64 or a variable holding it.
func convHMAC(c *Ctx, a []Arg, s *Sample) bool {
	nh := newDigest(a[0].Str)
	if nh == nil {
		return false
	}
	k, ok := c.argBytes(&a[1])
	if !ok {
		return false
	}
	key, err := base64.StdEncoding.DecodeString(string(k))
	if err != nil {
		return false
	}
	return c.digestInto(s, hmac.New(nh, key))
}

// convBE2Dec is be2dec(separator, chunk_size[, truncate]).
func convBE2Dec(c *Ctx, a []Arg, s *Sample) bool {
	size := int(a[1].Int)
	trunc := a[2].Present && a[2].Int != 0
	t := c.Trash()
	in := s.Str
	for len(in) > 0 {
		if len(in) < size {
			if trunc {
				break
			}
		}
		n := size
		if n > len(in) {
			n = len(in)
		}
		var v uint64
		for _, b := range in[:n] {
			v = v<<8 | uint64(b)
		}
		if len(t) > 0 {
			t = append(t, a[0].Str...)
		}
		t = itoaBytes(t, int64(v))
		in = in[n:]
	}
	s.setStr(t, false)
	return true
}

// convBE2Hex is be2hex([separator[, chunk_size[, truncate]]]).
func convBE2Hex(c *Ctx, a []Arg, s *Sample) bool {
	size := 1
	if a[1].Present && a[1].Int > 0 {
		size = int(a[1].Int)
	}
	trunc := a[2].Present && a[2].Int != 0
	t := c.Trash()
	in := s.Str
	for len(in) > 0 {
		if len(in) < size && trunc {
			break
		}
		n := size
		if n > len(in) {
			n = len(in)
		}
		if len(t) > 0 && a[0].Present {
			t = append(t, a[0].Str...)
		}
		for _, b := range in[:n] {
			t = append(t, "0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15])
		}
		in = in[n:]
	}
	s.setStr(t, false)
	return true
}

func convXXH32(c *Ctx, a []Arg, s *Sample) bool {
	seed := uint32(0)
	if a[0].Present {
		seed = uint32(a[0].Int)
	}
	s.setInt(SInt, int64(xxh32(s.Str, seed)))
	return true
}

func convXXH3(c *Ctx, a []Arg, s *Sample) bool {
	seed := uint64(0)
	if a[0].Present {
		seed = uint64(a[0].Int)
	}
	s.setInt(SInt, int64(xxh3(s.Str, seed)))
	return true
}

func convXXH64(c *Ctx, a []Arg, s *Sample) bool {
	seed := uint64(0)
	if a[0].Present {
		seed = uint64(a[0].Int)
	}
	s.setInt(SInt, int64(xxh64(s.Str, seed)))
	return true
}
