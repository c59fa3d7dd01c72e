// Package golden is the format of the load-balancing ground truth: a
// backend's settings, a sequence of requests and runtime commands, and the
// server the real HAProxy 2.6 chose for each request. e2e/balance records
// the files against the real haproxy; proxy/balance replays them through
// its own algorithms and must choose the same servers.
package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
)

// Case is one backend configuration and what happened to its requests.
type Case struct {
	Name string `json:"name"`
	// Balance is the words after "balance"; HashType those after
	// "hash-type" (none: the default map-based sdbm).
	Balance           []string `json:"balance"`
	HashType          []string `json:"hash_type,omitempty"`
	HashBalanceFactor int      `json:"hash_balance_factor,omitempty"`
	AllBackups        bool     `json:"allbackups,omitempty"`
	Fullconn          int      `json:"fullconn,omitempty"`
	// Mode is "tcp" for cases whose requests are raw bytes; HTTP
	// otherwise.
	Mode    string   `json:"mode,omitempty"`
	Servers []Server `json:"servers"`
	Steps   []Step   `json:"steps"`
}

// Server is one "server" line.
type Server struct {
	Name     string `json:"name"`
	Weight   int    `json:"weight"`
	ID       int    `json:"id,omitempty"`
	Backup   bool   `json:"backup,omitempty"`
	Disabled bool   `json:"disabled,omitempty"`
	Maxconn  int    `json:"maxconn,omitempty"`
	Minconn  int    `json:"minconn,omitempty"`
	// Slowstart is the "slowstart" in seconds.
	Slowstart int `json:"slowstart,omitempty"`
}

// Step is one request, one runtime command or the closing of a held
// connection, in order.
type Step struct {
	Req *Request `json:"req,omitempty"`
	// Cmd is a runtime API command sent to the stats socket, such as
	// "set weight be/s1 3" or "set server be/s2 state maint".
	Cmd string `json:"cmd,omitempty"`
	// Close closes the N-th held connection (1-based, in order of the
	// requests that held one) and waits until HAProxy released it.
	Close int `json:"close,omitempty"`
	// Got is the server that answered Req, or NoServer.
	Got string `json:"got,omitempty"`
}

// NoServer is recorded when HAProxy answered 503 itself.
const NoServer = "<503>"

// Request is an HTTP request sent on its own connection.
type Request struct {
	// Src is the client address to bind, e.g. "127.0.0.7"; empty means
	// 127.0.0.1.
	Src    string `json:"src,omitempty"`
	Method string `json:"method,omitempty"` // GET when empty
	URI    string `json:"uri"`
	// Headers are sent in order; a Host header is added when absent.
	Headers [][2]string `json:"headers,omitempty"`
	Body    string      `json:"body,omitempty"`
	// Raw, in TCP mode, is sent as is instead of an HTTP request; it must
	// end with an empty line so that the back end answers.
	Raw string `json:"raw,omitempty"`
	// Hold keeps the connection open once the server has answered, so
	// that it counts against the server until a Close step.
	Hold bool `json:"hold,omitempty"`
}

// Header returns the value of the first header named name (as given).
func (r *Request) Header(name string) (string, bool) {
	for _, h := range r.Headers {
		if equalFold(h[0], name) {
			return h[1], true
		}
	}
	return "", false
}

func equalFold(a, b string) bool {
	return len(a) == len(b) && bytes.EqualFold([]byte(a), []byte(b))
}

// Load reads a case file.
func Load(path string) (*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Case
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("golden case '%s': %w", path, err)
	}
	return &c, nil
}

// LoadDir reads every *.json case of a directory, sorted by file name.
func LoadDir(dir string) ([]*Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var cases []*Case
	for _, p := range paths {
		c, err := Load(p)
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// Save writes a case file, one step per line so that diffs stay readable.
// A case that would not read back the same (strings that are not valid
// UTF-8 do not survive JSON) is refused.
func (c *Case) Save(path string) error {
	var buf bytes.Buffer
	head := *c
	head.Steps = nil
	h, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// Splice the steps in by hand: one compact JSON object per line.
	h = bytes.TrimSuffix(h, []byte(`,"steps":null}`))
	buf.Write(h)
	buf.WriteString(",\n\"steps\": [\n")
	for i, s := range c.Steps {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(c.Steps)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	var back Case
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		return err
	}
	if !reflect.DeepEqual(&back, c) {
		return fmt.Errorf("golden case '%s' does not survive JSON: are all its strings valid UTF-8?", c.Name)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
