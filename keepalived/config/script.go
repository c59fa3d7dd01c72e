package config

import (
	"io/fs"
	"strings"
)

// quotedEscaped splits a line the way keepalived splits script command
// lines (alloc_strvec_quoted_escaped in lib/parser.c): blanks separate
// words, single or double quotes group, and backslash escapes work as in
// C (\n, \t, \x41, \101, \cA, \E...). It returns nil after reporting a
// quote left open or a trailing backslash.
func (p *pass) quotedEscaped(src string) []string {
	var words []string
	i := 0
	for i < len(src) {
		for i < len(src) && isCSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			break
		}
		var w []byte
		quote := byte(0)
		opened := 0
	word:
		for i < len(src) {
			c := src[i]
			switch {
			case c == '\\':
				i++
				if i >= len(src) {
					p.logf("Missing escape char at end: '%s'", src)
					return nil
				}
				var b byte
				b, i = escapeChar(src, i)
				w = append(w, b)
			case quote != 0 && c == quote:
				quote = 0
				i++
			case quote != 0:
				w = append(w, c)
				i++
			case c == '"' || c == '\'':
				quote = c
				i++
				opened = i
			case isCSpace(c):
				break word
			default:
				w = append(w, c)
				i++
			}
		}
		// keepalived looks for the closing quote only when something
		// follows the opening one: a quote ending the line goes unnoticed.
		if quote != 0 && opened < len(src) {
			p.report(ClassUnmatchedQuote, "String '%s': missing terminating %c", src, quote)
			return nil
		}
		words = append(words, string(w))
	}
	return words
}

// escapeChar decodes the escape starting at src[i] (just after the
// backslash) and returns the byte and the index after the escape.
func escapeChar(src string, i int) (byte, int) {
	c := src[i]
	switch {
	case c == 'x' && i+1 < len(src) && isHexDigit(src[i+1]):
		var v byte
		i++
		for i < len(src) && isHexDigit(src[i]) {
			v = v<<4 | hexVal(src[i])
			i++
		}
		return v, i
	case c == 'c' && i+1 < len(src):
		return src[i+1] & 0x1f, i + 2
	case c >= '0' && c <= '7':
		v := c - '0'
		i++
		for n := 0; n < 2 && i < len(src) && src[i] >= '0' && src[i] <= '7'; n++ {
			v = v<<3 + src[i] - '0'
			i++
		}
		return v, i
	}
	switch c {
	case 'a':
		c = '\a'
	case 'b':
		c = '\b'
	case 'E':
		c = 0x1b
	case 'f':
		c = '\f'
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'v':
		c = '\v'
	}
	return c, i + 1
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// notifyScript reads a notify script from the keyword's line: the second
// word is the command line (re-split with quotes and escapes), the third
// and fourth the user and group to run it as (notify_script_init in
// lib/notify.c). extra is how many arguments keepalived appends when it
// runs it. It returns nil when keepalived would not keep it.
func (p *pass) notifyScript(l *line, extra int, kind string) *Script {
	words := p.quotedEscaped(l.raw)
	if words == nil {
		p.logf("Unable to parse notify script")
		return nil
	}
	var args []string
	if len(words) >= 2 {
		args = p.quotedEscaped(words[1])
	}
	if len(args) == 0 {
		// keepalived reads the script's word for this message: a
		// keyword without one is a missing parameter (exit 2).
		qe := &line{words: words, pos: l.pos}
		p.logf("Unable to parse script '%s' - ignoring", qe.slot(1))
		return nil
	}
	s := &Script{Args: args, Line: l.raw}
	if len(words) > 2 {
		uid, gid, ok := p.uidGid(words[2], wordAt(words, 3))
		if !ok {
			p.logf("Invalid user/group for %s script %s - ignoring", kind, args[0])
			return nil
		}
		s.User, s.Group, s.UID, s.GID = words[2], wordAt(words, 3), uid, gid
		return s
	}
	uid, gid, fail := p.defaultScriptUser()
	if fail {
		p.logf("Failed to set default user for %s script %s - ignoring", kind, args[0])
		return nil
	}
	s.UID, s.GID = uid, gid
	return s
}

func wordAt(w []string, i int) string {
	if i < len(w) {
		return w[i]
	}
	return ""
}

// uidGid resolves a user and an optional group (set_uid_gid).
func (p *pass) uidGid(user, group string) (uid, gid uint32, ok bool) {
	uid, gid, ok = p.host.LookupUser(user)
	if !ok {
		p.logf("Script user '%s' does not exist", user)
		return 0, 0, false
	}
	if group != "" {
		if gid, ok = p.host.LookupGroup(group); !ok {
			p.logf("Script group '%s' does not exist", group)
			return 0, 0, false
		}
	}
	return uid, gid, true
}

// defaultScriptUser is the user scripts run as when none is given:
// keepalived_script if it exists, else keepalived's own user (which, with
// script security, is an error) (get_default_script_user).
func (p *pass) defaultScriptUser() (uid, gid uint32, fail bool) {
	if p.defaultUserFail {
		return 0, 0, true
	}
	if !p.defaultUserSet {
		p.defaultUserSet = true
		p.defaultUID, p.defaultGID = p.host.UID(), p.host.GID()
		uid, gid, ok := p.uidGid("keepalived_script", "")
		if ok {
			p.defaultUID, p.defaultGID = uid, gid
		} else if p.cfg.Global.ScriptSecurity {
			p.report(ClassGeneral, "Unable to set default user %s for script", "keepalived_script")
			p.defaultUserFail = true
			return 0, 0, true
		}
	}
	return p.defaultUID, p.defaultGID, false
}

// setDefaultScriptUser is global_defs script_user; it reports a failure.
func (p *pass) setDefaultScriptUser(user, group string) bool {
	p.defaultUserSet = true
	uid, gid, ok := p.uidGid(user, group)
	if !ok {
		p.defaultUserFail = true
		return true
	}
	p.defaultUID, p.defaultGID = uid, gid
	return false
}

// Script check results (SC_* in lib/notify.h).
const (
	scInsecure   = 0x01
	scIsScript   = 0x02
	scInhibit    = 0x04
	scNotFound   = 0x08
	scExecutable = 0x10
	scSystem     = 0x40
)

// checkScript decides whether keepalived would run s (check_script_secure
// in lib/notify.c): it resolves a bare name through PATH, follows links,
// and with root scripts checks that no one else can change any part of
// the path. It may rewrite s.Args[0] as keepalived does.
func (p *pass) checkScript(s *Script) int {
	if s == nil || len(s.Args) == 0 {
		return 0
	}
	cmd := s.Args[0]
	if strings.HasPrefix(cmd, "<") && strings.HasPrefix(strings.TrimLeft(cmd[1:], " \t"), "/") {
		// "</file" checks that a file can be opened; nothing is run.
		return scSystem
	}
	if !strings.Contains(cmd, "/") {
		found, perm := p.findPath(s)
		if found == "" {
			if perm {
				p.logf("Permissions failure for script %s in path - disabling", cmd)
			} else {
				p.logf("Cannot find script %s in path - disabling", cmd)
			}
			return scNotFound
		}
		p.logf("WARNING - script `%s` resolved by path search to `%s`. Please specify full path.", cmd, found)
		s.Args[0] = found
		cmd = found
	}
	real, err := p.host.RealPath(cmd)
	if err != nil {
		p.logf("Script %s cannot be accessed - %s", cmd, errnoText(err))
		return scNotFound
	}
	realFile := ""
	if real != cmd {
		origBase := cmd[strings.LastIndexByte(cmd, '/')+1:]
		newPath := real
		if base := real[strings.LastIndexByte(real, '/')+1:]; base != origBase {
			// Keep the name it was called by when it is the same file.
			candidate := real[:strings.LastIndexByte(real, '/')+1] + origBase
			rs, err1 := p.host.Stat(real)
			cs, err2 := p.host.Stat(candidate)
			if err1 != nil || (err2 == nil && rs.Dev == cs.Dev && rs.Ino == cs.Ino) {
				realFile, newPath = real, candidate
			}
		}
		s.Args[0] = newPath
		cmd = newPath
	}
	statPath := cmd
	if realFile != "" {
		statPath = realFile
	}
	fi, err := p.host.Stat(statPath)
	if err != nil {
		p.logf("Unable to access script `%s` - disabling", cmd)
		return scNotFound
	}
	flags := scIsScript
	protect := false
	if executable(fi, s.UID, s.GID) {
		flags |= scExecutable
		if s.UID == 0 || s.GID == 0 ||
			(fi.UID == 0 && fi.Mode&0o100 != 0 && fi.Mode&fs.ModeSetuid != 0) ||
			(fi.GID == 0 && fi.Mode&0o010 != 0 && fi.Mode&fs.ModeSetgid != 0) {
			protect = true
		}
	} else {
		p.logf("WARNING - script '%s' is not executable for uid:gid %d:%d - disabling.", cmd, s.UID, s.GID)
	}
	if !protect {
		return flags
	}
	flags |= p.checkPathSecurity(cmd)
	if realFile != "" {
		flags |= p.checkPathSecurity(realFile)
	}
	return flags
}

// executable is is_executable() in lib/notify.c.
func executable(fi FileInfo, uid, gid uint32) bool {
	m := fi.Mode.Perm()
	return (uid == 0 && m&0o111 != 0) ||
		(uid == fi.UID && m&0o100 != 0) ||
		(uid != fi.UID && ((gid == fi.GID && m&0o010 != 0) || (gid != fi.GID && m&0o001 != 0)))
}

// findPath searches PATH for a bare command name as execvp() would, for
// the script's user. perm reports a candidate that was not executable.
func (p *pass) findPath(s *Script) (found string, perm bool) {
	path := p.host.Getenv("PATH")
	if path == "" {
		path = "/bin:/usr/bin"
	}
	for _, dir := range strings.Split(path, ":") {
		cand := s.Args[0]
		if dir != "" {
			cand = dir + "/" + cand
		}
		fi, err := p.host.Stat(cand)
		if err != nil {
			continue
		}
		if !fi.Mode.IsRegular() || !executable(fi, s.UID, s.GID) {
			perm = true
			continue
		}
		return cand, false
	}
	return "", perm
}

// checkPathSecurity checks every directory of path and the file itself
// (check_security in lib/notify.c).
func (p *pass) checkPathSecurity(path string) int {
	for i := 0; i <= len(path); i++ {
		if i < len(path) && path[i] != '/' {
			continue
		}
		last := i == len(path)
		part := path[:i]
		if i == 0 {
			part = "/"
		}
		fi, err := p.host.Lstat(part)
		if err != nil {
			p.logf("check_script_secure could not find script '%s' - disabling", path)
			return scNotFound
		}
		isDir, isReg, isLink := fi.Mode.IsDir(), fi.Mode.IsRegular(), fi.Mode&fs.ModeSymlink != 0
		if (!last && !isDir) || (last && !isReg && !isLink) {
			p.logf("Wrong file type found in script path '%s'.", path)
			return scInhibit
		}
		sticky := fi.Mode&fs.ModeSticky != 0
		perm := fi.Mode.Perm()
		if fi.UID != 0 || (((isDir && !sticky) || isReg) && ((fi.GID != 0 && perm&0o020 != 0) || perm&0o002 != 0)) {
			suffix := ""
			if p.cfg.Global.ScriptSecurity {
				suffix = " - disabling"
			}
			p.logf("Unsafe permissions found for script '%s'%s.", path, suffix)
			if p.cfg.Global.ScriptSecurity {
				return scInsecure | scInhibit
			}
			return scInsecure
		}
		if last {
			break
		}
	}
	return 0
}

// checkNotifyScript is check_notify_script_secure(): a script that would
// not run is disabled.
func (p *pass) checkNotifyScript(s *Script) int {
	if s == nil {
		return 0
	}
	f := p.checkScript(s)
	if f&(scInhibit|scNotFound) != 0 || f&scExecutable == 0 {
		s.Disabled = true
	}
	return f
}
