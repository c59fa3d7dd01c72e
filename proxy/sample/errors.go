package sample

// Style is the way `haproxy -c` 2.6 frames a message around its text. The
// decoder renders it; the text itself is Error.Msg.
type Style uint8

const (
	// StyleParsing is "parsing [file:line] : <msg>", the usual framing of
	// a keyword parser's error (cfgparse-listen.c).
	StyleParsing Style = iota
	// StyleParsingTight is "parsing [file:line]: <msg>", used by the
	// action parsers' condition errors and by post-parse argument
	// resolution (smp_resolve_args).
	StyleParsingTight
	// StyleProxy is "Proxy '<name>': <msg>", used by the post-parse checks
	// of check_config_validity (e.g. unknown track-sc table).
	StyleProxy
	// StyleBare is a complete message that carries its own place, if any.
	StyleBare
	// StyleParsingCapTight is "Parsing [file:line]: <msg>", used by the
	// post-parse checks of log-format strings ("failed to parse
	// log-format : ...").
	StyleParsingCapTight
)

// Error is one configuration message of the expression layer.
type Error struct {
	// Msg is HAProxy's text after the framing prefix, without the final
	// newline, e.g. "unknown fetch method 'req.cook_names'".
	Msg string
	// Style selects the prefix 2.6 prints before Msg.
	Style Style
	// Warning is set for a warning; an alert otherwise.
	Warning bool
	// Abort is set when HAProxy stops reading the configuration file after
	// this alert (ERR_ABORT: http-request/http-response/http-after-response
	// rule errors), so later lines are not reported.
	Abort bool
	// File and Line name the place for messages found after parsing
	// (argument resolution); zero when the caller's current line applies.
	File string
	Line int
	// Proxy names the proxy for StyleProxy messages.
	Proxy string
}

func (e *Error) Error() string { return e.Msg }

// errorf builds an alert with the usual framing.
func errorf(msg string) *Error { return &Error{Msg: msg} }
