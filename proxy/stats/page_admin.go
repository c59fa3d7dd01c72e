package stats

import (
	"net/url"
	"strings"
)

// pageAction reports the admin actions of the page's form, and the old
// names 2.6 still accepts.
func pageAction(a string) bool {
	switch a {
	case "ready", "drain", "maint", "shutdown", "dhlth", "ehlth", "hrunn", "hnolb", "hdown",
		"dagent", "eagent", "arunn", "adown", "disable", "enable", "stop", "start":
		return true
	}
	return false
}

// post applies an admin form (stats_process_http_post()): parameters are
// read from the last to the first, so that the backend ("b") and the
// action, which the form puts last, are known when the servers ("s")
// come. It returns the status code of the redirect.
func (pg *page) post() string {
	params := strings.Split(string(pg.req.Body), "&")
	backend, action := "", ""
	var servers []string
	for i := len(params) - 1; i >= 0; i-- {
		p := params[i]
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			break
		}
		switch {
		case backend == "" && key == "b":
			name, ok := pg.src.BackendRef(val)
			if !ok {
				return "ERRP"
			}
			backend = name
		case action == "" && key == "action":
			if !pageAction(val) {
				return "ERRP"
			}
			action = val
		case key == "s":
			servers = append(servers, val)
		}
	}
	total, altered := 0, 0
	if backend != "" && action != "" {
		// the servers in form order
		for i := len(servers) - 1; i >= 0; i-- {
			total++
			if found, ok := pg.src.ServerAction(backend, servers[i], action); found && ok {
				altered++
			}
		}
	}
	switch {
	case total == 0:
		return "NONE"
	case altered == 0:
		return "ERRP"
	case altered == total:
		return "DONE"
	}
	return "PART"
}
