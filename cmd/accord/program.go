package main

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
)

// programID identifies this build of the program: what one build parsed
// and classified, another may not. It is the Go build ID where the
// executable carries one, a hash of its whole content otherwise.
func programID() (string, error) {
	// The running file itself where the system names it, not the file now
	// at its path, which an upgrade may have replaced since exec.
	path := "/proc/self/exe"
	if _, err := os.Stat(path); err != nil {
		if path, err = os.Executable(); err != nil {
			return "", err
		}
	}
	if id := goBuildID(path); id != "" {
		return "go build " + id, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil)), nil
}

// goBuildID reads the build ID the Go linker writes into an ELF
// executable, a hash of everything that went into the build; "" when
// there is none.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	note, err := s.Data()
	// An ELF note: name size, descriptor size and type (4 bytes each),
	// the name "Go\x00\x00", then the ID, padded.
	const header = 16
	if err != nil || len(note) < header || string(note[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := int(f.ByteOrder.Uint32(note[4:8]))
	if n > len(note)-header {
		return ""
	}
	return string(note[header : header+n])
}
