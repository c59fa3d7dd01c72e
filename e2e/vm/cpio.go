package vm

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// The initramfs is a cpio archive in the "newc" format, the one the kernel
// unpacks (Documentation/driver-api/early-userspace/buffer-format.rst). The
// kernel does not create missing parent directories, so every directory is
// written before the first entry inside it.

const (
	modeDir     = 0o040000
	modeFile    = 0o100000
	modeSymlink = 0o120000
)

// entry is one node of the guest's root file system.
type entry struct {
	mode uint32 // file type and permission bits
	data []byte // file contents, or the symlink target
}

// tree is the guest's root file system, keyed by absolute path.
type tree map[string]entry

func (t tree) mkdirAll(dir string) {
	for dir != "/" && dir != "." {
		if _, ok := t[dir]; ok {
			return
		}
		t[dir] = entry{mode: modeDir | 0o755}
		dir = path.Dir(dir)
	}
}

// file adds a regular file, with its parent directories.
func (t tree) file(name string, perm uint32, data []byte) {
	name = path.Clean("/" + name)
	t.mkdirAll(path.Dir(name))
	t[name] = entry{mode: modeFile | perm&0o7777, data: data}
}

// symlink adds name -> target, with the parent directories of name.
func (t tree) symlink(name, target string) {
	name = path.Clean("/" + name)
	t.mkdirAll(path.Dir(name))
	t[name] = entry{mode: modeSymlink | 0o777, data: []byte(target)}
}

// writeCPIO writes t as a newc archive. Paths are sorted, so a directory
// always precedes what it holds and the archive is reproducible.
func (t tree) writeCPIO(w io.Writer) error {
	names := make([]string, 0, len(t))
	for n := range t {
		names = append(names, n)
	}
	sort.Strings(names)
	ino := uint32(1)
	for _, n := range names {
		e := t[n]
		if err := writeNewc(w, ino, strings.TrimPrefix(n, "/"), e.mode, e.data); err != nil {
			return fmt.Errorf("cpio entry %q: %w", n, err)
		}
		ino++
	}
	return writeNewc(w, 0, "TRAILER!!!", 0, nil)
}

// writeNewc writes one header, name and data, each padded to 4 bytes.
func writeNewc(w io.Writer, ino uint32, name string, mode uint32, data []byte) error {
	nlink := uint32(1)
	if mode&0o170000 == modeDir {
		nlink = 2
	}
	// magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
	// devminor, rdevmajor, rdevminor, namesize (with NUL), check.
	hdr := fmt.Sprintf("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name)+1, 0)
	buf := make([]byte, 0, len(hdr)+len(name)+8)
	buf = append(buf, hdr...)
	buf = append(buf, name...)
	buf = append(buf, 0)
	buf = pad4(buf)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	if len(data) == 0 {
		return nil
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	_, err := w.Write(make([]byte, (4-len(data)%4)%4))
	return err
}

func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}
