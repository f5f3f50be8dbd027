package vocab

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// SiteFile is the archive's own settings in a content tree: for now, what
// readers may do with what it publishes.
const SiteFile = "site.yaml"

// spdxID is the shape of an SPDX licence identifier ("CC-BY-4.0", "CC0-1.0").
var spdxID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`)

// LoadSite reads the site file of fsys; a tree without one declares no
// licence. Every problem is reported with its line.
func LoadSite(fsys fs.FS) (archive.Licence, []Problem) {
	src, err := fs.ReadFile(fsys, SiteFile)
	if errors.Is(err, fs.ErrNotExist) {
		return archive.Licence{}, nil
	}
	if err != nil {
		return archive.Licence{}, []Problem{{File: SiteFile, Line: 0, Msg: fmt.Sprintf("cannot read: %v", err)}}
	}
	return DecodeSite(SiteFile, src)
}

// DecodeSite decodes a site file strictly: a licence (name, and an id or a
// url or both) for the archive's data, and texts, a statement on the reuse
// of the texts. Either may be left out; a statement on the texts without a
// licence for the data is a problem, as a reader would take it for the
// whole answer.
func DecodeSite(file string, src []byte) (archive.Licence, []Problem) {
	d := &Decoder{File: file}
	var l archive.Licence
	doc := d.Parse(src, "empty site file: write licence: (name, id, url) and texts:")
	if doc == nil {
		return l, d.Problems
	}
	licenceLine, textsLine := 0, 0
	d.Fields(doc, "the site file", []string{"licence", "texts"}, func(key string, val *yaml.Node) {
		switch key {
		case "licence":
			licenceLine = val.Line
			d.licence(val, &l)
		case "texts":
			textsLine = val.Line
			l.Texts = strings.Join(strings.Fields(d.Scalar(val, "texts")), " ")
			if l.Texts == "" && val.Kind == yaml.ScalarNode {
				d.Add(val.Line, "texts is empty: say how the texts may be reused, or leave the field out")
			}
		}
	})
	if textsLine != 0 && licenceLine == 0 && len(d.Problems) == 0 {
		d.Add(textsLine, "texts without a licence: give the licence of the archive's data too (licence: name, id, url)")
	}
	if len(d.Problems) > 0 {
		return archive.Licence{}, d.Problems
	}
	return l, nil
}

func (d *Decoder) licence(n *yaml.Node, l *archive.Licence) {
	before := len(d.Problems)
	d.Fields(n, "licence", []string{"name", "id", "url"}, func(key string, val *yaml.Node) {
		v := d.Scalar(val, "licence "+key)
		switch key {
		case "name":
			l.Name = strings.Join(strings.Fields(v), " ")
		case "id":
			if !spdxID.MatchString(v) {
				d.Add(val.Line, "licence id %q is not an SPDX identifier (CC-BY-4.0, CC0-1.0, ODbL-1.0)", v)
			}
			l.ID = v
		case "url":
			if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				d.Add(val.Line, "licence url %q is not an http or https address", v)
			}
			l.URL = v
		}
	})
	if len(d.Problems) > before || n.Kind != yaml.MappingNode {
		return
	}
	if l.Name == "" {
		d.Add(n.Line, "licence needs a name: the licence as readers know it (Creative Commons Attribution 4.0 International)")
	}
	if l.ID == "" && l.URL == "" {
		d.Add(n.Line, "licence needs an id (SPDX) or a url, for machines to recognise it")
	}
}
