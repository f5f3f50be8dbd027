package formats

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// The bulk files: the whole archive in one download each, for those who
// take it all rather than a document at a time.
const (
	BulkJSONLines = "/data/accord.jsonl"   // one document's data.json a line
	BulkAknZip    = "/data/akn.zip"        // every document's data.akn
	BulkCSV       = "/data/provisions.csv" // one provision with text a row, with its classification
	BulkDir       = "/data/"               // where they are
	aknZipFolder  = "akn/"                 // the folder inside the ZIP
	csvListSep    = "; "                   // between the values of a list in one CSV cell
	bulkMediaJSON = "application/jsonl; charset=utf-8"
)

// BulkFile is one bulk download: its path, media type and what it holds.
type BulkFile struct {
	Path, Type, Name, Description string
}

// BulkFiles are the bulk downloads, in the order /about lists them.
var BulkFiles = []BulkFile{
	{BulkJSONLines, bulkMediaJSON, "JSON Lines", "every document as in its data.json, one a line, with its provisions and their classification"},
	{BulkAknZip, "application/zip", "Akoma Ntoso (ZIP)", "every document's Akoma Ntoso 3.0 XML, akn/{slug}.xml, as its data.akn"},
	{BulkCSV, "text/csv; charset=utf-8; header=present", "CSV of provisions", "one row for every provision with text: its document, eId, citation, address, commitments, actors, topics, names and text"},
}

// JSONLines writes docs as JSON Lines: each document's data.json, compact,
// on a line of its own.
func (s Site) JSONLines(docs []*archive.Document) ([]byte, error) {
	var b bytes.Buffer
	for _, d := range docs {
		js, err := json.Marshal(s.Document(d))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Slug, err)
		}
		b.Write(js)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// AknZip writes every document's Akoma Ntoso file into one ZIP, as
// akn/{slug}.xml. Each entry is dated with its document's date, as its
// manifestation is, so that the ZIP is the same bytes on every start.
func AknZip(docs []*archive.Document) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, d := range docs {
		akn, err := AkomaNtoso(d, d.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: Akoma Ntoso: %w", d.Slug, err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: aknZipFolder + d.Slug + ".xml", Method: zip.Deflate, Modified: d.Date})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(akn); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CSVHeader is the provisions CSV's first row.
var CSVHeader = []string{"document", "eid", "number", "citation", "url", "date", "parties", "commitment_types", "actors", "topics", "entities", "text"}

// ProvisionsCSV writes one row for each provision with text (the units
// data.json lists as clauses), with its classification; a list in a cell
// is its values joined by "; ", an actor "joint" for every party jointly.
func (s Site) ProvisionsCSV(docs []*archive.Document) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(CSVHeader)
	for _, d := range docs {
		codes := make([]string, len(d.Parties))
		for i, p := range d.Parties {
			codes[i] = p.Code
		}
		for _, c := range d.Clauses {
			var types, actors, topics, entities []string
			for _, m := range c.Commitments {
				if m.Type == nil {
					continue
				}
				types = append(types, m.Type.Code)
				actors = append(actors, cmp.Or(m.Actor, "joint"))
			}
			for _, t := range c.Topics {
				topics = append(topics, t.Slug)
			}
			for _, e := range c.Entities {
				entities = append(entities, e.Slug)
			}
			number := ""
			if c.Number > 0 {
				number = strconv.Itoa(c.Number)
			}
			w.Write([]string{
				d.Slug, c.EID(), number, Citation{Doc: d, Clause: c}.Text(), s.URL(c.Path()),
				d.Date.Format("2006-01-02"), strings.Join(codes, csvListSep),
				strings.Join(types, csvListSep), strings.Join(actors, csvListSep),
				strings.Join(topics, csvListSep), strings.Join(entities, csvListSep), c.Text(),
			})
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
