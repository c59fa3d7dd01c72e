package sample

import "sort"

// FetchFunc evaluates a fetch into out and reports whether a sample was
// found (HAProxy's smp_fetch_* contract). Nil for the keywords hakeep
// does not evaluate: they find nothing.
type FetchFunc func(c *Ctx, args []Arg, out *Sample) bool

// ConvFunc transforms s in place and reports success (sample_conv
// process functions). Nil for the converters hakeep does not evaluate:
// they fail.
type ConvFunc func(c *Ctx, args []Arg, s *Sample) bool

// Fetch describes one sample fetch keyword (struct sample_fetch).
type Fetch struct {
	Name string
	Args ArgSpec
	Out  Type
	// Use lists the information sources, for messages.
	Use Use
	// Val is where the fetch may be used.
	Val Point
	// Validate checks parsed arguments (HAProxy's val_args); it may rewrite
	// them (e.g. a variable name into a Var). Its error text is inserted in
	// "invalid args in fetch method '<name>' : <text>".
	Validate func(a []Arg, ctx *Context) error
	// Eval is the request-time implementation, nil until implemented.
	Eval FetchFunc
}

// Converter describes one converter keyword (struct sample_conv).
type Converter struct {
	Name     string
	Args     ArgSpec
	In, Out  Type
	Validate func(a []Arg, ctx *Context) error
	Eval     ConvFunc
}

// Registry holds every fetch and converter known to the configuration.
// Build it with NewRegistry; it is read-only afterwards and safe to share.
type Registry struct {
	fetches map[string]*Fetch
	convs   map[string]*Converter
}

// NewRegistry returns the fetches and converters of HAProxy 2.6.12 as built
// by Debian (OpenSSL, Lua, OpenTracing, Prometheus; no 51Degrees, DeviceAtlas,
// WURFL or QUIC), so newer keywords are rejected exactly as 2.6 rejects them.
func NewRegistry() *Registry {
	fetches, convs := fetchTable(), convTable()
	r := &Registry{
		fetches: make(map[string]*Fetch, len(fetches)),
		convs:   make(map[string]*Converter, len(convs)),
	}
	for i := range fetches {
		f := &fetches[i]
		f.Validate = fetchValidator(f.Name)
		f.Eval = fetchEval(f.Name)
		r.fetches[f.Name] = f
	}
	for i := range convs {
		c := &convs[i]
		c.Validate = convValidator(c.Name)
		c.Eval = convEval(c.Name)
		r.convs[c.Name] = c
	}
	return r
}

// Fetch returns the fetch keyword name, or nil.
func (r *Registry) Fetch(name string) *Fetch { return r.fetches[name] }

// Converter returns the converter keyword name, or nil.
func (r *Registry) Converter(name string) *Converter { return r.convs[name] }

// Fetches returns every fetch, sorted by name.
func (r *Registry) Fetches() []*Fetch {
	out := make([]*Fetch, 0, len(r.fetches))
	for _, f := range r.fetches {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Converters returns every converter, sorted by name.
func (r *Registry) Converters() []*Converter {
	out := make([]*Converter, 0, len(r.convs))
	for _, c := range r.convs {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
