package vm

import (
	"debug/elf"
	"fmt"
	"os/exec"
	"strings"
)

// dynamicELF reports whether path is an ELF object with a program
// interpreter, i.e. one that needs its shared libraries in the guest.
func dynamicELF(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

// sharedLibs returns the libraries ldd(1) lists for path, the dynamic
// loader included; ldd already walks the whole closure.
func sharedLibs(path string) ([]string, error) {
	out, err := exec.Command("ldd", path).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("ldd %q: %w: %s", path, err, out)
	}
	return parseLdd(string(out))
}

// parseLdd reads lines of the forms
//
//	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)
//	/lib64/ld-linux-x86-64.so.2 (0x...)
//	linux-vdso.so.1 (0x...)          (in the kernel, nothing to copy)
//	libfoo.so.1 => not found
func parseLdd(out string) ([]string, error) {
	var libs []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if name, target, ok := strings.Cut(line, "=>"); ok {
			target = strings.TrimSpace(target)
			if strings.HasPrefix(target, "not found") {
				return nil, fmt.Errorf("shared library %q not found", strings.TrimSpace(name))
			}
			if p, _, _ := strings.Cut(target, " "); strings.HasPrefix(p, "/") {
				libs = append(libs, p)
			}
			continue
		}
		if p, _, _ := strings.Cut(line, " "); strings.HasPrefix(p, "/") {
			libs = append(libs, p)
		}
	}
	return libs, nil
}
