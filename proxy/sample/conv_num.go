package sample

import "math"

// Arithmetic converters (configuration.txt §7.3.1 add, sub, mul, div,
// mod, and, or, xor, neg, cpl, bool, not, odd, even): capped at the
// int64 limits as src/sample.c's arith_* functions do.

// argInt returns an integer argument, or the variable it names cast to
// an integer (sample_conv_var2smp_sint).
func (c *Ctx) argInt(a *Arg) (int64, bool) {
	if a.Var != nil {
		var v Sample
		if !c.GetVar(a.Var, &v) || !CanCast(v.Type, SInt) || !c.Cast(&v, SInt) {
			return 0, false
		}
		return v.Int, true
	}
	return a.Int, true
}

func arithAdd(a, b int64) int64 {
	if (a ^ b) >= 0 {
		if a < 0 && math.MinInt64-a > b {
			return math.MinInt64
		}
		if math.MaxInt64-a < b {
			return math.MaxInt64
		}
	}
	return a + b
}

func convArith(op string) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		b, ok := c.argInt(&a[0])
		if !ok {
			return false
		}
		x := s.Int
		switch op {
		case "add":
			x = arithAdd(x, b)
		case "sub":
			if b == math.MinInt64 {
				x = arithAdd(x, math.MaxInt64)
				if x < math.MaxInt64 {
					x++
				}
			} else {
				x = arithAdd(x, -b)
			}
		case "mul":
			switch {
			case x == 0 || b == 0:
				x = 0
			case x == math.MinInt64 && b == -1:
				x = math.MaxInt64
			default:
				p := x * b
				if p/b != x {
					if (x < 0) == (b < 0) {
						p = math.MaxInt64
					} else {
						p = math.MinInt64
					}
				}
				x = p
			}
		case "div":
			switch {
			case b == 0:
				x = math.MaxInt64
			case x == math.MinInt64 && b == -1:
				x = math.MaxInt64
			default:
				x /= b
			}
		case "mod":
			switch {
			case b == 0:
				x = 0
			case x == math.MinInt64 && b == -1:
				x = 0
			default:
				x %= b
			}
		case "and":
			x &= b
		case "or":
			x |= b
		case "xor":
			x ^= b
		}
		s.setInt(SInt, x)
		return true
	}
}

func convNeg(c *Ctx, a []Arg, s *Sample) bool {
	if s.Int == math.MinInt64 {
		s.Int = math.MaxInt64
	} else {
		s.Int = -s.Int
	}
	s.Type = SInt
	return true
}

func convCpl(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(SInt, ^s.Int)
	return true
}

func convToBool(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(Bool, b2i(s.Int != 0))
	return true
}

func convNot(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(Bool, b2i(s.Int == 0))
	return true
}

func convOdd(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(Bool, s.Int&1)
	return true
}

func convEven(c *Ctx, a []Arg, s *Sample) bool {
	s.setInt(Bool, b2i(s.Int&1 == 0))
	return true
}
