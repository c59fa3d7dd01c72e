package sample

// String converters (configuration.txt §7.3.1).

func convLower(c *Ctx, a []Arg, s *Sample) bool {
	if !c.makeRW(s) {
		return false
	}
	for i, b := range s.Str {
		if b >= 'A' && b <= 'Z' {
			s.Str[i] = b + 'a' - 'A'
		}
	}
	return true
}

func convUpper(c *Ctx, a []Arg, s *Sample) bool {
	if !c.makeRW(s) {
		return false
	}
	for i, b := range s.Str {
		if b >= 'a' && b <= 'z' {
			s.Str[i] = b - 'a' + 'A'
		}
	}
	return true
}

func convLength(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(SInt, int64(len(s.Str)))
	return true
}

// convField is sample_conv_field: field(index, delimiters[, count]),
// counted from the end when index is negative; count 0 takes every
// field up to the end.
func convField(c *Ctx, a []Arg, s *Sample) bool {
	want := a[0].Int
	delims := a[1].Str
	count := int64(1)
	if a[2].Present {
		count = a[2].Int
	}
	if want == 0 {
		return false
	}
	str := s.Str
	isDelim := func(b byte) bool {
		for i := 0; i < len(delims); i++ {
			if delims[i] == b {
				return true
			}
		}
		return false
	}
	var start, end int
	var field int64
	if want < 0 {
		field = -1
		start, end = len(str), len(str)
		for start > 0 {
			if isDelim(str[start-1]) {
				if field == want {
					if count == 1 {
						goto found
					} else if count > 1 {
						count--
					}
				} else {
					end = start - 1
					field--
				}
			}
			start--
		}
	} else {
		field = 1
		for end < len(str) {
			if isDelim(str[end]) {
				if field == want {
					if count == 1 {
						goto found
					} else if count > 1 {
						count--
					}
				} else {
					start = end + 1
					field++
				}
			}
			end++
		}
	}
	if field != want {
		s.Str = s.Str[:0]
		return false
	}
found:
	s.Str = str[start:end]
	return true
}

// convWord is sample_conv_word: word(index, delimiters[, count]), empty
// words skipped.
func convWord(c *Ctx, a []Arg, s *Sample) bool {
	want := a[0].Int
	delims := a[1].Str
	count := int64(1)
	if a[2].Present {
		count = a[2].Int
	}
	if want == 0 {
		return false
	}
	str := s.Str
	isDelim := func(b byte) bool {
		for i := 0; i < len(delims); i++ {
			if delims[i] == b {
				return true
			}
		}
		return false
	}
	var word int64
	inword := false
	var start, end int
	if want < 0 {
		start, end = len(str), len(str)
		for start > 0 {
			sep := isDelim(str[start-1])
			if !inword {
				if !sep {
					if word != want {
						word--
						end = start
					}
					inword = true
				}
			} else if sep {
				if word == want {
					if count == 1 {
						goto found
					} else if count > 1 {
						count--
					}
				}
				inword = false
			}
			start--
		}
	} else {
		for end < len(str) {
			sep := isDelim(str[end])
			if !inword {
				if !sep {
					if word != want {
						word++
						start = end
					}
					inword = true
				}
			} else if sep {
				if word == want {
					if count == 1 {
						goto found
					} else if count > 1 {
						count--
					}
				}
				inword = false
			}
			end++
		}
	}
	if word != want {
		s.Str = s.Str[:0]
		return false
	}
found:
	s.Str = str[start:end]
	return true
}

// convTrim is ltrim/rtrim(chars).
func convTrim(left bool) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		chars := a[0].Str
		in := func(b byte) bool {
			for i := 0; i < len(chars); i++ {
				if chars[i] == b {
					return true
				}
			}
			return false
		}
		if left {
			for len(s.Str) > 0 && in(s.Str[0]) {
				s.Str = s.Str[1:]
			}
		} else {
			for len(s.Str) > 0 && in(s.Str[len(s.Str)-1]) {
				s.Str = s.Str[:len(s.Str)-1]
			}
		}
		return true
	}
}

// convCutCRLF is cut_crlf: the string up to the first CR or LF.
func convCutCRLF(c *Ctx, a []Arg, s *Sample) bool {
	for i, b := range s.Str {
		if b == '\r' || b == '\n' {
			s.Str = s.Str[:i]
			break
		}
	}
	return true
}

// argBytes returns a string argument, or the string value of the
// variable it names; ok is false when the variable is missing.
func (c *Ctx) argBytes(a *Arg) ([]byte, bool) {
	if a.Var != nil {
		var v Sample
		if !c.GetVar(a.Var, &v) {
			return nil, false
		}
		if !c.Cast(&v, Str) {
			return nil, false
		}
		return v.Str, true
	}
	return constBytes(a.Str), true
}

// convConcat is concat([prefix][,var][,suffix]).
func convConcat(c *Ctx, a []Arg, s *Sample) bool {
	t := c.Trash()
	t = append(t, s.Str...)
	if a[0].Present {
		t = append(t, a[0].Str...)
	}
	if a[1].Present && a[1].Var != nil {
		var v Sample
		if c.GetVar(a[1].Var, &v) && c.Cast(&v, Str) {
			t = append(t, v.Str...)
		}
	}
	if a[2].Present {
		t = append(t, a[2].Str...)
	}
	if len(t) > c.BufSize() {
		return false
	}
	s.setStr(t, false)
	return true
}

// convAddItem is add_item(delim[,var][,suffix]): appends an item, with
// the delimiter only when the input is not empty.
func convAddItem(c *Ctx, a []Arg, s *Sample) bool {
	t := c.Trash()
	t = append(t, s.Str...)
	var item []byte
	if a[1].Present && a[1].Var != nil {
		var v Sample
		if c.GetVar(a[1].Var, &v) && c.Cast(&v, Str) {
			item = v.Str
		}
	}
	if len(item) > 0 || a[2].Present && a[2].Str != "" {
		if len(s.Str) > 0 {
			t = append(t, a[0].Str...)
		}
		t = append(t, item...)
		if a[2].Present {
			t = append(t, a[2].Str...)
		}
	}
	s.setStr(t, false)
	return true
}

// convStrcmp is strcmp(var): <0, 0 or >0 as memcmp then length.
func convStrcmp(c *Ctx, a []Arg, s *Sample) bool {
	other, ok := c.argBytes(&a[0])
	if !ok {
		return false
	}
	n := len(s.Str)
	if len(other) < n {
		n = len(other)
	}
	r := 0
	for i := 0; i < n; i++ {
		if s.Str[i] != other[i] {
			r = int(s.Str[i]) - int(other[i])
			break
		}
	}
	if r == 0 {
		r = len(s.Str) - len(other)
	}
	s.setInt(SInt, int64(r))
	return true
}

// convSecureMemcmp is secure_memcmp(var).
func convSecureMemcmp(c *Ctx, a []Arg, s *Sample) bool {
	other, ok := c.argBytes(&a[0])
	if !ok {
		return false
	}
	eq := len(other) == len(s.Str)
	if eq {
		var d byte
		for i := range other {
			d |= other[i] ^ s.Str[i]
		}
		eq = d == 0
	}
	s.setInt(Bool, b2i(eq))
	return true
}

// convBytes is bytes(offset[,length]).
func convBytes(c *Ctx, a []Arg, s *Sample) bool {
	off := a[0].Int
	if off < 0 || off >= int64(len(s.Str)) {
		s.Str = s.Str[:0]
		return true
	}
	s.Str = s.Str[off:]
	if a[1].Present && a[1].Int >= 0 && a[1].Int < int64(len(s.Str)) {
		s.Str = s.Str[:a[1].Int]
	}
	return true
}

// convIif is iif(true,false).
func convIif(c *Ctx, a []Arg, s *Sample) bool {
	v := a[1].Str
	if s.Int != 0 {
		v = a[0].Str
	}
	s.setStr(constBytes(v), true)
	return true
}
