package certstore

import (
	"fmt"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Entry is one certificate of the store (2.6's ckch_store), named by its
// path as configured. Its data changes only by a committed transaction.
type Entry struct {
	path string
	data atomic.Pointer[Data]
	// refs counts the listener instances serving it ("Used").
	refs int
}

// Path is the entry's name: the file as configured.
func (e *Entry) Path() string { return e.path }

// Data is the entry's current content; nil for an empty entry ("new ssl
// cert").
func (e *Entry) Data() *Data { return e.data.Load() }

// Store holds every certificate and crt-list of one configuration.
type Store struct {
	opt Options

	mu      sync.Mutex
	entries map[string]*Entry
	lists   map[string]*CrtList
	tx      transaction
	// gen counts the changes listeners must see (commits, crt-list
	// edits).
	gen atomic.Uint64
}

// New returns an empty store.
func New(opt Options) *Store {
	if opt.OCSPCheck == nil {
		opt.OCSPCheck = func(d *Data) error { return CheckOCSP(d, time.Now()) }
	}
	return &Store{opt: opt, entries: map[string]*Entry{}, lists: map[string]*CrtList{}}
}

// Options are the store's loading settings.
func (s *Store) Options() *Options { return &s.opt }

// Gen is the store's generation: it changes whenever what listeners
// serve changes.
func (s *Store) Gen() uint64 { return s.gen.Load() }

// Lookup is ckchs_lookup(): the entry called path, or nil.
func (s *Store) Lookup(path string) *Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entries[path]
}

// Cert is what "crt <path>" loads: the entry of the file, loaded once
// and shared, or the entries of the bundle "<path>.dsa", ".ecdsa",
// ".rsa" when the file does not exist (ssl-load-extra-files "bundle").
// A directory is refused: it is a crt-list (List).
func (s *Store) Cert(path string) ([]*Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.certLocked(path)
}

// certLocked is Cert with s.mu held.
func (s *Store) certLocked(path string) ([]*Entry, error) {
	if e, ok := s.entries[path]; ok {
		return []*Entry{e}, nil
	}
	_, err := os.Stat(s.opt.path(path))
	if err == nil {
		e, err := s.loadLocked(path)
		if err != nil {
			return nil, err
		}
		return []*Entry{e}, nil
	}
	if s.opt.extra("bundle") {
		var out []*Entry
		for _, ext := range bundleExts() {
			p := path + "." + ext
			if e, ok := s.entries[p]; ok {
				out = append(out, e)
				continue
			}
			if _, err := os.Stat(s.opt.path(p)); err != nil {
				continue
			}
			e, err := s.loadLocked(p)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("unable to stat SSL certificate from file '%s' : %s.\n", path, errnoText(err))
}

// loadLocked loads the file path into a new entry; s.mu is held.
func (s *Store) loadLocked(path string) (*Entry, error) {
	d, err := s.opt.loadFile(path)
	if err != nil {
		return nil, err
	}
	e := &Entry{path: path}
	e.data.Store(d)
	s.entries[path] = e
	return e, nil
}

// Use records that a listener serves e (a ckch instance), which makes
// it "Used" and undeletable.
func (s *Store) Use(e *Entry) {
	s.mu.Lock()
	e.refs++
	s.mu.Unlock()
}

// Names lists the entries in name order ("show ssl cert").
func (s *Store) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.entries))
	for n := range s.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewEmpty is "new ssl cert": an empty entry to fill with a transaction
// and add to a crt-list. The answer is 2.6's.
func (s *Store) NewEmpty(path string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.entries[path]; ok {
		return "", fmt.Errorf("Certificate '%s' already exists!\n", path)
	}
	s.entries[path] = &Entry{path: path}
	return fmt.Sprintf("New empty certificate store '%s'!\n", path), nil
}

// Delete is "del ssl cert": an entry no listener serves and no
// transaction edits goes away.
func (s *Store) Delete(path string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(msg string) error { return fmt.Errorf("Can't remove the certificate: %s\n", msg) }
	if s.tx.path == path && s.tx.old != nil {
		return "", fail(fmt.Sprintf("ongoing transaction for the certificate '%s'", path))
	}
	e, ok := s.entries[path]
	if !ok {
		return "", fail(fmt.Sprintf("certificate '%s' doesn't exist!\n", path))
	}
	if e.refs > 0 || s.inListsLocked(e) {
		return "", fail(fmt.Sprintf("certificate '%s' in use, can't be deleted!\n", path))
	}
	delete(s.entries, path)
	return fmt.Sprintf("Certificate '%s' deleted!\n", path), nil
}

// inListsLocked tells whether a crt-list names e.
func (s *Store) inListsLocked(e *Entry) bool {
	for _, l := range s.lists {
		for _, le := range l.entries {
			if le.Entry == e {
				return true
			}
		}
	}
	return false
}
