package http1

// CaseAdjust is the global h1-case-adjust table (configuration.txt 3.1),
// applied to the heads sent to a peer whose proxy enables
// "option h1-case-adjust-bogus-client" or "-server". Names not listed go
// out in lower case, the form HTX stores (recorded: hdr-case-adjust,
// case-adjust). A handful of entries is the norm, so lookups scan a slice
// instead of hashing.
type CaseAdjust []CasePair

// CasePair maps a lower-case name to the spelling to send.
type CasePair struct {
	Lower string
	Name  string
}

// appendName appends n as it must be sent.
func (c CaseAdjust) appendName(dst, n []byte) []byte {
	for i := range c {
		if string(n) == c[i].Lower {
			return append(dst, c[i].Name...)
		}
	}
	return append(dst, n...)
}

// appendNameString is appendName for a name known at compile time.
func (c CaseAdjust) appendNameString(dst []byte, n string) []byte {
	for i := range c {
		if n == c[i].Lower {
			return append(dst, c[i].Name...)
		}
	}
	return append(dst, n...)
}
