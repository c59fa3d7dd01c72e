package vm

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// File is one file put into the guest.
type File struct {
	// Host is the file to copy. A dynamically linked executable brings
	// the shared libraries ldd(1) lists, at the same paths.
	Host string
	// Guest is the absolute path inside the VM; empty means Host.
	Guest string
	// Data is the contents when Host is empty.
	Data []byte
	// Mode is the permission bits; zero means the host file's, or 0644
	// for Data.
	Mode os.FileMode
}

// busyboxPath is where Debian's busybox-static installs its binary.
const busyboxPath = "/bin/busybox"

// buildTree assembles the guest's root file system: busybox and its applet
// links, /init, the modules (in load order) and files.
func buildTree(modules []string, files []File) (tree, error) {
	t := tree{}
	for _, d := range []string{"/proc", "/sys", "/dev", "/tmp", "/run", "/var/run", "/etc", "/root", "/sbin", "/usr/bin", "/usr/sbin"} {
		t.mkdirAll(d)
	}
	if err := addBusybox(t); err != nil {
		return nil, err
	}
	var guestMods []string
	for i, ko := range modules {
		data, err := os.ReadFile(ko)
		if err != nil {
			return nil, err
		}
		g := fmt.Sprintf("/lib/modules/hakeep/%02d-%s", i, filepath.Base(ko))
		t.file(g, 0o644, data)
		guestMods = append(guestMods, g)
	}
	t.file("/init", 0o755, initScript(guestMods))
	t.file("/etc/passwd", 0o644, []byte("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"))
	t.file("/etc/group", 0o644, []byte("root:x:0:\nnogroup:x:65534:\n"))
	for _, f := range files {
		if err := addFile(t, f); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// addBusybox copies the static busybox and links every applet it lists
// into /bin, so the guest has sh, ip, insmod, stty, base64, timeout...
func addBusybox(t tree) error {
	if err := addFile(t, File{Host: busyboxPath}); err != nil {
		return err
	}
	out, err := exec.Command(busyboxPath, "--list").Output()
	if err != nil {
		return fmt.Errorf("%s --list: %w", busyboxPath, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || name == "busybox" || strings.Contains(name, "/") {
			continue
		}
		t.symlink("/bin/"+name, "busybox")
	}
	return sc.Err()
}

// addFile adds f and, for a dynamic executable, its library closure.
func addFile(t tree, f File) error {
	guest := f.Guest
	if guest == "" {
		guest = f.Host
	}
	if !path.IsAbs(guest) {
		return fmt.Errorf("guest path %q is not absolute", guest)
	}
	if f.Host == "" {
		mode := f.Mode
		if mode == 0 {
			mode = 0o644
		}
		t.file(guest, uint32(mode.Perm()), f.Data)
		return nil
	}
	st, err := os.Stat(f.Host)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(f.Host)
	if err != nil {
		return err
	}
	mode := f.Mode
	if mode == 0 {
		mode = st.Mode()
	}
	t.file(guest, uint32(mode.Perm()), data)
	if !dynamicELF(f.Host) {
		return nil
	}
	libs, err := sharedLibs(f.Host)
	if err != nil {
		return err
	}
	for _, lib := range libs {
		if _, ok := t[lib]; ok {
			continue
		}
		data, err := os.ReadFile(lib)
		if err != nil {
			return fmt.Errorf("library of %q: %w", f.Host, err)
		}
		t.file(lib, 0o755, data)
	}
	return nil
}
