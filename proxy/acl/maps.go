package acl

import (
	"fmt"
	"net/netip"
	"strings"
	"sync/atomic"

	"hakeep/proxy/sample"
)

// Map is a loaded map file for the map_* converters (configuration.txt
// §7.3.1 "map"): keys matched with one method, values of one type.
type Map struct {
	Patterns *Patterns
	Out      sample.Type
	Values   []MapValue
	// cur is the map as the runtime API last made it (refs.go), nil
	// until it changes the map's file.
	cur atomic.Pointer[Map]
}

// MapValue is one value of a map, parsed for the map's output type.
type MapValue struct {
	Str  string
	Int  int64
	Addr netip.Addr
}

// LookupString returns the value of the key that matches s.
func (m *Map) LookupString(s []byte) (*MapValue, bool) {
	m = m.current()
	i, ok := m.Patterns.MatchString(s)
	if !ok || i < 0 {
		return nil, false
	}
	return &m.Values[i], true
}

// LookupInt returns the value of the key that matches v.
func (m *Map) LookupInt(v int64) (*MapValue, bool) {
	m = m.current()
	i, ok := m.Patterns.MatchInt(v)
	if !ok || i < 0 {
		return nil, false
	}
	return &m.Values[i], true
}

// LookupIP returns the value of the network that contains a.
func (m *Map) LookupIP(a netip.Addr) (*MapValue, bool) {
	m = m.current()
	i, ok := m.Patterns.MatchIP(a)
	if !ok || i < 0 {
		return nil, false
	}
	return &m.Values[i], true
}

// mapMethod returns the key matching method of a map converter name:
// map, map_str, map_beg, ..., each with an optional _int or _ip suffix
// that only changes the output type.
func mapMethod(conv string) (Method, bool) {
	parts := strings.Split(conv, "_")
	kind := "map"
	if len(parts) > 1 {
		kind = "map_" + parts[1]
	}
	switch kind {
	case "map", "map_str":
		return MatchStr, true
	case "map_beg":
		return MatchBeg, true
	case "map_sub":
		return MatchSub, true
	case "map_dir":
		return MatchDir, true
	case "map_dom":
		return MatchDom, true
	case "map_end":
		return MatchEnd, true
	case "map_reg":
		return MatchReg, true
	case "map_regm":
		return MatchRegm, true
	case "map_int":
		return MatchInt, true
	case "map_ip":
		return MatchIP, true
	}
	return 0, false
}

// NewMap builds a map from key/value pairs, for tests and tools.
func NewMap(m Method, out sample.Type, pairs [][2]string) (*Map, error) {
	mp := &Map{Patterns: NewPatterns(m, false), Out: out}
	for i, kv := range pairs {
		if err := mp.add(kv[0], kv[1]); err != nil {
			return nil, fmt.Errorf("%s at entry %d", err, i+1)
		}
	}
	return mp, nil
}

// add parses one entry: the key with the map's method (no DNS, as
// sample_load_map asks), the value with the output type.
func (m *Map) add(key, value string) error {
	if err := m.Patterns.Add(key, nil); err != nil {
		return err
	}
	v, ok := parseMapValue(value, m.Out)
	if !ok {
		return fmt.Errorf("unable to parse '%s'", value)
	}
	m.Values = append(m.Values, v)
	return nil
}

// parseMapValue is map_parse_str / map_parse_int / map_parse_ip.
func parseMapValue(s string, t sample.Type) (MapValue, bool) {
	switch t {
	case sample.SInt:
		v, n := sample.ReadInt64(s)
		return MapValue{Int: v, Str: s}, n == len(s)
	case sample.Addr:
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return MapValue{}, false
		}
		return MapValue{Addr: a, Str: s}, true
	}
	return MapValue{Str: s}, true
}

// LoadMap implements sample.MapLoader: it reads the file (once per
// configuration) and builds the map for the converter's method and output
// type, with 2.6's messages.
func (e *Env) LoadMap(conv *sample.Converter, file string, c *sample.Context) (any, error) {
	m, ok := mapMethod(conv.Name)
	if !ok {
		return nil, fmt.Errorf("map: internal haproxy error: no default parse case for the input type <%d>.", conv.Out)
	}
	f, err := e.readPatFile(file, true, c)
	if err != nil {
		return nil, err
	}
	mp := &Map{Patterns: NewPatterns(m, false), Out: conv.Out}
	for _, en := range f.entries {
		if err := mp.add(en.key, en.value); err != nil {
			return nil, fmt.Errorf("%s at line %d of file '%s'", err, en.line, file)
		}
	}
	e.useFile(file, "map", c.File, c.Line)
	e.attachMap(file, mp)
	return mp, nil
}
