package cli

// Level is a session's access level (ACCESS_LVL_*, section 9.3
// "stats socket ... level").
type Level uint8

const (
	LevelUser Level = iota + 1
	LevelOperator
	LevelAdmin
)

// permissionDenied is cli_has_level()'s answer.
const permissionDenied = "Permission denied\n"
