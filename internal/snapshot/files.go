package snapshot

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/accord-archive/accord/internal/content"
)

// A snapshot opens with the content files it was made from: each one's
// path, digest and Stat (content.Stat). A start takes the digest of a
// file whose Stat is unchanged from here instead of reading and hashing
// it again; the key, which names every digest, then says whether the
// archive that follows is current. A file recorded with no Stat (one that
// had just changed when it was read) is read at every start.

// fileRecord is one content file as a snapshot recorded it.
type fileRecord struct {
	digest [sha256.Size]byte
	stat   content.Stat
}

// appendFiles writes the files section: the version, then each file.
func appendFiles(buf []byte, files []content.File) []byte {
	e := &encoder{buf: buf}
	e.str(version)
	e.int(len(files))
	for _, f := range files {
		e.str(f.Name)
		e.buf = append(e.buf, f.Digest[:]...)
		st := f.Stat
		e.int(int(st.Size))
		e.int(int(st.ModTime))
		e.int(int(st.ChangeTime))
		e.buf = binary.AppendUvarint(e.buf, st.Inode)
		e.buf = binary.AppendUvarint(e.buf, st.Device)
	}
	return e.buf
}

// readFiles reads the files section at the start of body, a snapshot's
// bytes after its header, and returns the records by path and where the
// archive starts; nil for a section of another version or malformed.
func readFiles(body string) (map[string]fileRecord, int) {
	d := &decoder{src: body}
	if d.str() != version {
		return nil, 0
	}
	n := d.size()
	// A record takes its digest and six bytes at least: read before the
	// file's checksum is known, a count that claims more is not believed.
	if n > (len(d.src)-d.pos)/(sha256.Size+6) {
		return nil, 0
	}
	files := make(map[string]fileRecord, n)
	for range n {
		name := d.str()
		var r fileRecord
		if d.pos+sha256.Size > len(d.src) {
			d.fail("unexpected end")
			break
		}
		copy(r.digest[:], d.src[d.pos:])
		d.pos += sha256.Size
		r.stat.Size = int64(d.int())
		r.stat.ModTime = int64(d.int())
		r.stat.ChangeTime = int64(d.int())
		r.stat.Inode = d.uvarint()
		r.stat.Device = d.uvarint()
		files[name] = r
	}
	if d.err != nil {
		return nil, 0
	}
	return files, d.pos
}

// known is what content.ReadKnown asks: the digest of the file recorded
// with the same Stat, which must be a settled one.
func known(files map[string]fileRecord) func(string, content.Stat) ([sha256.Size]byte, bool) {
	return func(name string, st content.Stat) ([sha256.Size]byte, bool) {
		r, ok := files[name]
		if !ok || !r.stat.Known() || r.stat != st {
			return [sha256.Size]byte{}, false
		}
		return r.digest, true
	}
}
