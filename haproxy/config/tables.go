package config

// keywordTables are the tables a Load consults on every line, built once
// per Load from the functions that define them: the package keeps no
// state, and no line rebuilds a table.
type keywordTables struct {
	global  map[string]globalHandler
	proxy   map[string]proxyHandler
	bind    map[string]bindKeyword
	server  map[string]srvKeyword
	support map[string]map[string]supportEntry
	options []simpleOption
}

func newKeywordTables() *keywordTables {
	t := &keywordTables{
		global:  globalKeywords(),
		proxy:   proxyKeywords(),
		bind:    bindKeywords(),
		server:  srvKeywords(),
		support: supportTable(),
		options: simpleOptions(),
	}
	t.support["action"] = actionSupport()
	return t
}

// statusOf is a keyword's status in a section: Implemented unless
// supportTable says otherwise.
func (t *keywordTables) statusOf(section, kw string) supportEntry {
	if e, ok := t.support[section][kw]; ok {
		return e
	}
	return supportEntry{status: Implemented}
}
