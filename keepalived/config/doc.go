// Package config turns a keepalived.conf, as read by hakeep/parser, into a
// validated, typed model (Config), with the checks and the messages of
// keepalived 2.2.7.
//
// # Readings
//
// keepalived reads its configuration several times: the parent process
// reads it with only global_defs active, then the checker (LVS), VRRP and
// BFD processes each read it again with their own keywords active and the
// others skipped, each followed by its own validation. `keepalived -t`
// runs all of these in one process and prints every message on stderr, so
// the same syntax error is reported once per reading, and which reading
// reports a semantic error decides how its place is written: the parent
// names the main file's lines "(Line N)", the other readings, which read a
// consolidated copy, "(file: Line N)". Load replays these readings over
// the parsed directives (pass.go) so that the messages, their order and
// their places are keepalived's; each reading fills its part of the model.
// That copy holds the parent's cleaned lines, which are cleaned again when
// read, so the checker, VRRP and BFD readings parse it apart
// (parser.ReadKeepalived with copy set): an escaped '#' that the parent
// kept starts a comment there.
//
// # Exit codes of -t
//
// Every message has keepalived's class (config_err_t, message.go). The
// exit code of -t is decided by the numerically highest class reported:
// none → 0; a missing file, a bad interface or a fatal error → 4; script
// security → 6; anything else (unknown keywords, bad numbers, warnings,
// deprecations) → 5. Some errors end keepalived at once: a keyword missing
// a parameter exits 2, an include that include_check makes fatal exits 6,
// a net_namespace that cannot be entered exits 0 (core/main.c).
//
// # What is not supported yet
//
// Every keyword of 2.2.7 has a status in one table (status.go): implemented,
// accepted with no effect, or "not yet" when hakeep has no engine for what
// it changes. Load reports each "not yet" keyword used once, as a Note.
// Notes are hakeep's own words, never keepalived messages: they do not
// have a class, do not change the -t exit code, and the CLI prints them
// after keepalived's messages so that tools reading the first line of
// stderr see what keepalived would print.
//
// Where 2.2.7 rejects a keyword that older keepalived accepted with a plain
// meaning (nb_get_retry, ...), Load accepts it with that meaning and a
// warning at the same place, so the -t verdict stays the one of 2.2.7
// while the configuration keeps working.
//
// # Where hakeep differs on purpose
//
// keepalived 2.2.7 crashes or reads stray memory on a few inputs; hakeep
// reports what 2.2.7 reports up to that point and goes on: a track_file
// naming an unknown file, an HTTP_GET or SSL_GET left without a usable
// url, a virtual_server, vrrp_sync_group or bfd_instance refused before
// its '{' when none came before it (phantom.go). Where 2.2.7 prints stray
// memory (a fwmark 0 virtual server's name, a refused sync group's name),
// hakeep prints "FWM 0" or "(null)". A definition that refers to itself
// makes 2.2.7 read for ever; hakeep stops it with a message
// (hakeep/parser). The tests in e2e/kacheck leave these inputs out.
package config
