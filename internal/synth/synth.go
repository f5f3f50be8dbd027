package synth

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// Generate returns docs documents of clausesPerDoc clauses each, the same
// for the same seed. Each has one to three preamble paragraphs; about one
// clause in five has a second paragraph. Documents are dated from 2000 to
// 2025, name one to three parties and are of every kind. Every field the
// content loader sets is set as it would be, the content file included:
// the document in the content format, kept in memory (ContentFile), and
// loading it gives the same document.
func Generate(seed int64, docs, clausesPerDoc int) []*archive.Document {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x5eed_acc0_4d))}
	out := make([]*archive.Document, 0, docs)
	for i := range docs {
		out = append(out, g.document(i, clausesPerDoc))
	}
	return out
}

// Files is the content tree of documents Generate made: each one's content
// file under its path. Their files are kept in memory and always read; it
// panics for a document whose file cannot be, which Generate did not make.
func Files(docs []*archive.Document) fstest.MapFS {
	fsys := make(fstest.MapFS, len(docs))
	for _, d := range docs {
		b, err := d.ContentFile()
		if err != nil {
			panic("synth.Files: " + err.Error())
		}
		fsys[d.File] = &fstest.MapFile{Data: b}
	}
	return fsys
}

type generator struct {
	rng *rand.Rand
	b   strings.Builder
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// epoch is the earliest date a document can have; days spans 2000-2025.
func epoch() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) }

const days = 26 * 365

func (g *generator) monthYear() string {
	return epoch().AddDate(0, g.rng.IntN(26*12), 0).Format("January 2006")
}

func (g *generator) document(i, clauses int) *archive.Document {
	d := &archive.Document{
		Date:     epoch().AddDate(0, 0, g.rng.IntN(days)),
		Kind:     archive.Kinds()[g.rng.IntN(len(archive.Kinds()))],
		Place:    g.pick(places),
		Language: "en",
	}
	n := 2
	switch r := g.rng.IntN(10); {
	case r == 0:
		n = 1
	case r < 3:
		n = 3
	}
	for _, code := range g.distinct(parties, n) {
		p, err := vocab.DefaultParties().LookupParty(code)
		if err != nil {
			panic(fmt.Sprintf("synth: party list: %v", err)) // the list above is fixed
		}
		d.Parties = append(d.Parties, p)
	}
	codes := make([]string, len(d.Parties))
	for j, p := range d.Parties {
		codes[j] = strings.ToLower(p.Code)
	}
	d.Slug = fmt.Sprintf("%s-%s-%06d", d.Date.Format("2006-01-02"), strings.Join(codes, "-"), i)
	d.Number = strconv.Itoa(i) // two documents of a date and parties are two works
	d.File = "documents/" + d.Slug + ".md"
	leader := g.pick(leaders)
	d.Title = fmt.Sprintf("%s of the %s of %s", d.Kind.Name(), leader, names(d.Parties))

	var pre []string
	for range g.rng.IntN(3) {
		pre = append(pre, g.recital())
	}
	pre = append(pre, fmt.Sprintf("The %s of %s met in %s on %s and stated the following:",
		leader, names(d.Parties), d.Place, d.Date.Format("2 January 2006")))
	var body [][]string // clause -> paragraphs
	for range clauses {
		paras := []string{g.sentences(1 + g.rng.IntN(2))}
		if g.rng.IntN(5) == 0 {
			paras = append(paras, g.pick(continuations)+" "+lowerFirst(g.sentences(1)))
		}
		body = append(body, paras)
	}
	assemble(d, pre, body)
	return d
}

// distinct picks n different entries of list.
func (g *generator) distinct(list []string, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		c := g.pick(list)
		dup := false
		for _, x := range out {
			dup = dup || x == c
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

func (g *generator) recital() string {
	return fmt.Sprintf("%s, %s %s, %s %s since %d.",
		g.pick(subjects), "reaffirming", g.pick(principles),
		g.pick([]string{"recognised", "recognized", "noted"}), "the progress made in "+g.pick(topics),
		1991+g.rng.IntN(30))
}

// sentences writes n clause sentences.
func (g *generator) sentences(n int) string {
	g.b.Reset()
	for i := range n {
		if i > 0 {
			g.b.WriteByte(' ')
		}
		v := verbs[g.rng.IntN(len(verbs))]
		subject := g.pick(subjects)
		if i > 0 {
			subject = "They"
		}
		g.b.WriteString(subject)
		g.b.WriteByte(' ')
		g.b.WriteString(v.verb)
		g.b.WriteByte(' ')
		g.b.WriteString(v.object(g))
		g.b.WriteString(g.pick(tails))
		g.b.WriteByte('.')
	}
	return g.b.String()
}

func names(ps []archive.Party) string {
	n := make([]string, len(ps))
	for i, p := range ps {
		n[i] = p.Name
	}
	if len(n) == 1 {
		return n[0]
	}
	return strings.Join(n[:len(n)-1], ", ") + " and " + n[len(n)-1]
}

// lowerFirst lower-cases the first letter of a sentence that now follows
// a connective ("In this regard, the Parties …").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// assemble sets d's paragraphs, eIds, lines and back-pointers from the
// preamble and clause texts, and renders its content file in the content
// format, as the loader would have read it.
func assemble(d *archive.Document, pre []string, body [][]string) {
	var raw strings.Builder
	codes := make([]string, len(d.Parties))
	for i, p := range d.Parties {
		codes[i] = p.Code
	}
	fmt.Fprintf(&raw, "---\ntitle: %s\nkind: %s\ndate: %s\nplace: %s\nparties: [%s]\nnumber: %s\nlanguage: %s\n---\n",
		d.Title, d.Kind, d.Date.Format("2006-01-02"), d.Place, strings.Join(codes, ", "), d.Number, d.Language)
	line := 10 // the body's first line, after nine lines of front matter
	para := func(text, prefix string) int {
		start := line
		if start > 10 {
			raw.WriteByte('\n')
			start++
		}
		raw.WriteString(prefix)
		raw.WriteString(text)
		raw.WriteByte('\n')
		line = start + 1
		return start
	}
	for i, text := range pre {
		d.Preamble = append(d.Preamble, &archive.Paragraph{
			Doc: d, Index: i + 1,
			Text: text, HTML: html.EscapeString(text), Line: para(text, ""),
		})
	}
	for n, paras := range body {
		num := strconv.Itoa(n + 1)
		c := &archive.Clause{Doc: d, Element: archive.ElParagraph, Label: num + ".", Num: num, Number: n + 1}
		marker := strconv.Itoa(n+1) + ". "
		for j, text := range paras {
			prefix := marker
			if j > 0 {
				prefix = strings.Repeat(" ", len(marker))
			}
			l := para(text, prefix)
			if j == 0 {
				c.Line = l
			}
			c.Paragraphs = append(c.Paragraphs, &archive.Paragraph{
				Doc: d, Clause: c, Index: j + 1,
				Text: text, HTML: html.EscapeString(text), Line: l,
			})
		}
		d.Body = append(d.Body, c)
	}
	d.Build()
	d.KeepContentFile([]byte(raw.String()))
}
