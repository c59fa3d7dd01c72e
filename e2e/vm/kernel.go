package vm

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// DefaultCacheDir is where .ci/deps.sh downloads Debian's cloud kernel
// package (`apt-get download linux-image-<version>-cloud-amd64`); the
// running kernel has no IPVS, that package has it as modules.
const DefaultCacheDir = "/var/cache/hakeep"

// kernel is one unpacked kernel package: the image qemu boots and the
// tree of its loadable modules.
type kernel struct {
	version string // e.g. 6.1.0-56-cloud-amd64
	image   string // boot/vmlinuz-<version>
	modules string // lib/modules/<version>
}

// findKernelDeb returns the newest cached cloud kernel package.
func findKernelDeb(cacheDir string) (string, error) {
	debs, _ := filepath.Glob(filepath.Join(cacheDir, "linux-image-*-cloud-amd64_*.deb"))
	if len(debs) == 0 {
		return "", fmt.Errorf("no linux-image-*-cloud-amd64 package in %q (run `make deps` as root)", cacheDir)
	}
	sort.Strings(debs)
	return debs[len(debs)-1], nil
}

// unpackKernel extracts deb once under cacheDir/<package file name minus
// .deb>/ and returns what it holds. Extraction goes to a temporary
// directory renamed into place, so concurrent test processes never see
// half a tree.
func unpackKernel(cacheDir, deb string) (kernel, error) {
	dir := filepath.Join(cacheDir, strings.TrimSuffix(filepath.Base(deb), ".deb"))
	if k, err := openKernel(dir); err == nil {
		return k, nil
	}
	tmp, err := os.MkdirTemp(cacheDir, ".unpack-")
	if err != nil {
		return kernel{}, fmt.Errorf("unpacking %q: %w", deb, err)
	}
	defer os.RemoveAll(tmp)
	if out, err := exec.Command("dpkg-deb", "-x", deb, tmp).CombinedOutput(); err != nil {
		return kernel{}, fmt.Errorf("dpkg-deb -x %q: %w: %s", deb, err, out)
	}
	// Another process may have renamed its extraction into place first:
	// rename(2) then fails with EEXIST or ENOTEMPTY, and theirs is used.
	if err := os.Rename(tmp, dir); err != nil && !errors.Is(err, syscall.EEXIST) && !errors.Is(err, syscall.ENOTEMPTY) {
		return kernel{}, fmt.Errorf("unpacking %q: %w", deb, err)
	}
	return openKernel(dir)
}

func openKernel(dir string) (kernel, error) {
	imgs, _ := filepath.Glob(filepath.Join(dir, "boot", "vmlinuz-*"))
	if len(imgs) != 1 {
		return kernel{}, fmt.Errorf("no single kernel image under %q", dir)
	}
	version := strings.TrimPrefix(filepath.Base(imgs[0]), "vmlinuz-")
	mods := filepath.Join(dir, "lib", "modules", version)
	if st, err := os.Stat(mods); err != nil || !st.IsDir() {
		return kernel{}, fmt.Errorf("no modules for %q under %q", version, dir)
	}
	return kernel{version: version, image: imgs[0], modules: mods}, nil
}
