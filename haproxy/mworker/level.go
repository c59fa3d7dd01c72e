package mworker

import "fmt"

// Level is a CLI session's access level (management.txt section 9.3,
// "level").
type Level int

const (
	LevelUser Level = iota + 1
	LevelOperator
	LevelAdmin
)

func (l Level) String() string {
	switch l {
	case LevelUser:
		return "user"
	case LevelOperator:
		return "operator"
	}
	return "admin"
}

// ParseLevel reads a "level" argument.
func ParseLevel(s string) (Level, error) {
	switch s {
	case "user":
		return LevelUser, nil
	case "operator":
		return LevelOperator, nil
	case "admin":
		return LevelAdmin, nil
	}
	return 0, fmt.Errorf("'level' only supports 'user', 'operator', and 'admin' (got '%s')", s)
}
