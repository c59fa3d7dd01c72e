package auth

import (
	"crypto/subtle"

	"hakeep/proxy"
)

// Userlist is a "userlist" section ready to check credentials; it
// implements sample.Userlist.
type Userlist struct {
	name  string
	users map[string]*user
}

type user struct {
	pass     string
	insecure bool
	groups   []string
}

// New builds a userlist: a user belongs to the groups its "groups"
// names and to those whose "users" list names it.
func New(u *proxy.Userlist) *Userlist {
	l := &Userlist{name: u.Name, users: map[string]*user{}}
	for _, x := range u.Users {
		l.users[x.Name] = &user{pass: x.Password, insecure: x.Insecure, groups: append([]string(nil), x.Groups...)}
	}
	for _, g := range u.Groups {
		for _, name := range g.Users {
			if x, ok := l.users[name]; ok && !contains(x.groups, g.Name) {
				x.groups = append(x.groups, g.Name)
			}
		}
	}
	return l
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// Check reports whether user exists with that password (check_user):
// clear passwords compare as strings, others through crypt(3).
func (l *Userlist) Check(name, pass []byte) bool {
	u, ok := l.users[string(name)]
	if !ok {
		return false
	}
	if u.insecure {
		return subtle.ConstantTimeCompare([]byte(u.pass), pass) == 1
	}
	m, _ := Verify(pass, u.pass)
	return m
}

// InGroup reports whether user belongs to group.
func (l *Userlist) InGroup(name, group []byte) bool {
	u, ok := l.users[string(name)]
	return ok && contains(u.groups, string(group))
}

// Groups calls fn with each group of user until it returns false.
func (l *Userlist) Groups(name []byte, fn func(string) bool) {
	if u, ok := l.users[string(name)]; ok {
		for _, g := range u.groups {
			if !fn(g) {
				return
			}
		}
	}
}
