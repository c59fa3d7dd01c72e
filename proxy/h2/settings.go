package h2

import "hakeep/proxy"

// Settings are the local side of a connection's SETTINGS (RFC 9113
// 6.5.2), from tune.h2.* (configuration.txt section 3.2).
type Settings struct {
	// HeaderTableSize is the HPACK dynamic table size the peer's encoder
	// may use (tune.h2.header-table-size, 4096).
	HeaderTableSize uint32
	// InitialWindowSize is each stream's receive window
	// (tune.h2.initial-window-size, 65535).
	InitialWindowSize uint32
	// MaxConcurrentStreams is how many streams the peer may open at
	// once (tune.h2.max-concurrent-streams, 100).
	MaxConcurrentStreams uint32
	// MaxFrameSize is the largest frame payload accepted
	// (tune.h2.max-frame-size, 16384).
	MaxFrameSize uint32
	// NoWebSocket is "h2-workaround-bogus-websocket-clients": no
	// SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 3).
	NoWebSocket bool
	// BufSize is tune.bufsize: a header block decoding larger than this
	// is refused, as HAProxy cannot fit it in a buffer.
	BufSize int
}

// The defaults of HAProxy 2.6 and of the protocol.
const (
	defaultTableSize   = 4096
	defaultWindow      = 65535
	defaultMaxStreams  = 100
	defaultFrameSize   = 16384
	defaultBufSize     = 16384
	maxWindow          = 1<<31 - 1
	maxFrameSizeLimit  = 1<<24 - 1
	defaultPeerStreams = 100
)

// SettingsFrom reads tune.h2.* from the global section.
func SettingsFrom(g *proxy.Global) Settings {
	s := Settings{
		HeaderTableSize:      uint32(g.Tune.H2.HeaderTableSize),
		InitialWindowSize:    uint32(g.Tune.H2.InitialWindowSize),
		MaxConcurrentStreams: uint32(g.Tune.H2.MaxConcurrentStreams),
		MaxFrameSize:         uint32(g.Tune.H2.MaxFrameSize),
		NoWebSocket:          g.H2WorkaroundBogusWebsocket,
		BufSize:              g.Tune.BufSize,
	}
	return s.withDefaults()
}

// withDefaults fills what is not set.
func (s Settings) withDefaults() Settings {
	if s.HeaderTableSize == 0 {
		s.HeaderTableSize = defaultTableSize
	}
	if s.InitialWindowSize == 0 {
		s.InitialWindowSize = defaultWindow
	}
	if s.MaxConcurrentStreams == 0 {
		s.MaxConcurrentStreams = defaultMaxStreams
	}
	if s.MaxFrameSize == 0 {
		s.MaxFrameSize = defaultFrameSize
	}
	if s.BufSize <= 0 {
		s.BufSize = defaultBufSize
	}
	return s
}
