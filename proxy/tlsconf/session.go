package tlsconf

import (
	"bytes"
	"container/list"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// sessions is how a bind line resumes sessions (configuration.txt
// sections 3.2 "tune.ssl.cachesize", "tune.ssl.lifetime", 5.1
// "no-tls-tickets", "tls-ticket-keys"). With tickets, the session
// travels in the ticket, encrypted with the line's keys, as OpenSSL's
// stateless tickets do. With "no-tls-tickets", sessions stay in a cache
// of tune.ssl.cachesize entries and the ticket only names one: 2.6
// resumes those by session ID in TLS 1.2 and by stateful ticket in TLS
// 1.3; crypto/tls has no session IDs, so both use a stateful ticket.
// Either way a session older than tune.ssl.lifetime is not resumed.
type sessions struct {
	lifetime time.Duration
	stateful bool
	cache    *sessionCache
	keys     [][32]byte
	now      func() time.Time
}

// defaultLifetime and defaultCacheSize are 2.6's tune.ssl.lifetime and
// tune.ssl.cachesize defaults.
const (
	defaultLifetime  = 300 * time.Second
	defaultCacheSize = 20000
)

// extraTag marks the data hakeep keeps in a session: the creation time
// and the session ID.
const extraTag = "hk1"

func newSessions(lc *lineConf, tune *tuneSSL, now func() time.Time) (*sessions, error) {
	s := &sessions{lifetime: tune.lifetime, stateful: lc.noTickets, now: now}
	if s.lifetime <= 0 {
		s.lifetime = defaultLifetime
	}
	if s.stateful && tune.cacheSize > 0 {
		s.cache = newSessionCache(tune.cacheSize)
	}
	if f := lc.ssl.TLSTicketKeys; f != "" {
		keys, err := loadTicketKeys(f)
		if err != nil {
			return nil, err
		}
		s.keys = keys
	} else {
		var k [32]byte
		rand.Read(k[:])
		s.keys = [][32]byte{k}
	}
	return s, nil
}

// disabled tells that nothing resumes: no tickets and no cache.
func (s *sessions) disabled() bool { return s.stateful && s.cache == nil }

// loadTicketKeys reads a tls-ticket-keys file: base64 keys of 48 or 80
// bytes, one a line. 2.6 encrypts with the last but one and decrypts
// with the last three; crypto/tls encrypts with its first key, so that
// one comes first. Each key is hashed into crypto/tls's 32 bytes.
func loadTicketKeys(path string) ([][32]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("unable to load ssl tickets keys file '%s': %w", path, err)
	}
	var raw [][]byte
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, err := base64.StdEncoding.DecodeString(line)
		if err != nil || (len(k) != 48 && len(k) != 80) {
			return nil, fmt.Errorf("'%s' : wrong sized key at line %d", path, i+1)
		}
		raw = append(raw, k)
	}
	if len(raw) < 3 {
		return nil, fmt.Errorf("'%s' : please supply at least 3 keys", path)
	}
	last := raw[len(raw)-3:]
	order := [][]byte{last[1], last[2], last[0]}
	keys := make([][32]byte, len(order))
	for i, k := range order {
		keys[i] = sha256.Sum256(k)
	}
	return keys, nil
}

// prepare sets the ticket keys on a certificate's base configuration,
// which every handshake's copy shares.
func (s *sessions) prepare(base *tls.Config) {
	if s.disabled() {
		base.SessionTicketsDisabled = true
		return
	}
	base.SetSessionTicketKeys(s.keys)
}

// apply sets the session callbacks on a handshake's configuration; st
// receives the session ID.
func (s *sessions) apply(cfg *tls.Config, st *State) {
	if s.disabled() {
		return
	}
	cfg.WrapSession = func(cs tls.ConnectionState, ss *tls.SessionState) ([]byte, error) {
		id := st.sessionID()
		ss.Extra = append(ss.Extra, sessionExtra(s.now(), id))
		if !s.stateful {
			return cfg.EncryptTicket(cs, ss)
		}
		enc, err := ss.Bytes()
		if err != nil {
			return nil, err
		}
		key := make([]byte, 32)
		rand.Read(key)
		s.cache.put(string(key), enc)
		return key, nil
	}
	cfg.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
		// refused is a TLS 1.2 ticket that does not resume: 2.6
		// (OpenSSL 3.0) then gives the new session an empty ID,
		// which ssl_fc_session_id shows (crypto/tls asks about an
		// empty ticket too: that one is no refusal)
		refused := func() (*tls.SessionState, error) {
			if cs.Version < tls.VersionTLS13 && len(identity) > 0 {
				st.mu.Lock()
				st.sessID = []byte{}
				st.mu.Unlock()
			}
			return nil, nil
		}
		var ss *tls.SessionState
		if s.stateful {
			enc, ok := s.cache.get(string(identity))
			if !ok {
				return refused()
			}
			var err error
			if ss, err = tls.ParseSessionState(enc); err != nil {
				return refused()
			}
		} else {
			var err error
			if ss, err = cfg.DecryptTicket(identity, cs); err != nil || ss == nil {
				return refused()
			}
		}
		created, id, ok := parseSessionExtra(ss.Extra)
		if !ok || s.now().Sub(created) > s.lifetime {
			return refused()
		}
		st.mu.Lock()
		st.sessID = id
		st.mu.Unlock()
		return ss, nil
	}
}

// sessionID is the connection's session ID, drawn on first use.
func (st *State) sessionID() []byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessID == nil {
		st.sessID = make([]byte, 32)
		rand.Read(st.sessID)
	}
	return st.sessID
}

func sessionExtra(now time.Time, id []byte) []byte {
	b := append([]byte(extraTag), make([]byte, 8)...)
	binary.BigEndian.PutUint64(b[len(extraTag):], uint64(now.UnixNano()))
	return append(b, id...)
}

func parseSessionExtra(extra [][]byte) (time.Time, []byte, bool) {
	for _, e := range extra {
		if len(e) >= len(extraTag)+8 && bytes.HasPrefix(e, []byte(extraTag)) {
			ns := binary.BigEndian.Uint64(e[len(extraTag):])
			return time.Unix(0, int64(ns)), append([]byte(nil), e[len(extraTag)+8:]...), true
		}
	}
	return time.Time{}, nil, false
}

// sessionCache is the stateful session store: the least recently used
// sessions go first when it is full, as 2.6's shared cache purges the
// most idle ones.
type sessionCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[string]*list.Element
}

type cacheItem struct {
	key string
	val []byte
}

func newSessionCache(max int) *sessionCache {
	return &sessionCache{max: max, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *sessionCache) put(key string, val []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = c.ll.PushFront(&cacheItem{key, val})
	for c.ll.Len() > c.max {
		e := c.ll.Back()
		c.ll.Remove(e)
		delete(c.items, e.Value.(*cacheItem).key)
	}
}

func (c *sessionCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*cacheItem).val, true
}

// tuneSSL are the tune.ssl.* settings that shape sessions.
type tuneSSL struct {
	lifetime  time.Duration
	cacheSize int
}
