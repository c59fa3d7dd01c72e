package sample

import "fmt"

// Scope is a variable's lifetime (configuration.txt §2.8 / "set-var").
type Scope uint8

const (
	ScopeProc Scope = iota
	ScopeSess
	ScopeTxn
	ScopeReq
	ScopeRes
	ScopeCheck
)

func scopeNames() [6]string { return [6]string{"proc", "sess", "txn", "req", "res", "check"} }

func (s Scope) String() string { return scopeNames()[s] }

// Var names a variable: its scope and the name after the scope's dot.
type Var struct {
	Scope Scope
	Name  string
}

func (v Var) String() string { return v.Scope.String() + "." + v.Name }

// ParseVar checks a variable name as 2.6's vars_fill_desc does and returns
// it; the error text is HAProxy's, without a final period.
func ParseVar(name string) (Var, error) {
	if name == "" {
		return Var{}, fmt.Errorf("Empty variable name cannot be accepted")
	}
	var v Var
	rest := ""
	for i, sc := range scopeNames() {
		p := sc + "."
		if len(name) > len(p) && name[:len(p)] == p {
			v.Scope = Scope(i)
			rest = name[len(p):]
			break
		}
	}
	if rest == "" {
		return Var{}, fmt.Errorf("invalid variable name '%s'. A variable name must be start by its scope. "+
			"The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'", name)
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !isAlnum(c) && c != '_' && c != '.' {
			return Var{}, fmt.Errorf("invalid syntax at char '%s'", rest[i:])
		}
	}
	v.Name = rest
	return v, nil
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
