package content

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// A text's numbering is checked: a number that skips, repeats, restarts
// where its level does not, or looks misprinted, and a provision so long,
// with labels inside it, that its structure was likely lost in the copy.
// Where the printed text really is so, the editor confirms it by eId in
// the front matter, "numbering: [para_11]", and the text stays verbatim.

// irregular is one numbering problem, confirmable by its provision's eId.
type irregular struct {
	line int
	eid  string
	msg  string
}

// Lost structure: a provision holding more than this many paragraphs or
// characters, with labels inside it.
const (
	lostParagraphs = 5
	lostChars      = 5000
)

// inlineLabel is a label run into a sentence: "…; (b) to …".
var inlineLabel = regexp.MustCompile(`[;:]\s+\(?(?:[a-z]|[ivx]{1,5}|[0-9]{1,3})\)\s`)

// irregulars finds the numbering problems of the tree w built; d is built.
func (w *walker) irregulars() []irregular {
	var out []irregular
	last := map[groupKey]*labelled{}
	for i := range w.labelled {
		l := &w.labelled[i]
		if strings.HasPrefix(string(l.lab.fam), "bullet") {
			continue
		}
		prev := last[l.group]
		last[l.group] = l
		add := func(format string, args ...any) {
			out = append(out, irregular{l.p.Line, l.p.EID(), fmt.Sprintf(format, args...)})
		}
		if strings.HasSuffix(l.lab.text, ",") {
			add("looks misprinted: '%s' where '%s' was expected", l.lab.text, printLabel(l.lab, l.lab.value(), prev))
		}
		v := l.lab.value()
		if prev == nil {
			if v != 1 && l.lab.fam != famMulti {
				add("the first %s here is '%s': '%s' was expected", what(l.lab), l.lab.text, printLabel(l.lab, 1, nil))
			}
			continue
		}
		pv, want := prev.lab.value(), prev.lab.value()+1
		switch {
		case v == want:
		case v == 1 && l.restartOK:
		case v == pv:
			add("'%s' repeats the number on line %d: '%s' was expected", l.lab.text, prev.p.Line, printLabel(l.lab, want, prev))
		case v == 1:
			add("numbering restarts at '%s' after '%s' on line %d, where it goes on: '%s' was expected (a heading without a number does not restart it)",
				l.lab.text, prev.lab.text, prev.p.Line, printLabel(l.lab, want, prev))
		case v < pv:
			add("numbering goes back from '%s' on line %d to '%s': '%s' was expected", prev.lab.text, prev.p.Line, l.lab.text, printLabel(l.lab, want, prev))
		default:
			add("numbering skips from '%s' on line %d to '%s': '%s' was expected", prev.lab.text, prev.p.Line, l.lab.text, printLabel(l.lab, want, prev))
		}
	}
	lastArt := map[*archive.Provision]article{}
	for _, a := range w.articles {
		prev, ok := lastArt[a.in]
		lastArt[a.in] = a
		if !ok || a.n == prev.n+1 {
			continue
		}
		want := strings.TrimSuffix(prev.p.Label, prev.p.Num) + strconv.Itoa(prev.n+1)
		var msg string
		switch {
		case a.n == prev.n:
			msg = fmt.Sprintf("'%s' repeats the number on line %d: '%s' was expected", a.p.Label, prev.p.Line, want)
		case a.n < prev.n:
			msg = fmt.Sprintf("article numbering goes back from '%s' on line %d to '%s': '%s' was expected", prev.p.Label, prev.p.Line, a.p.Label, want)
		default:
			msg = fmt.Sprintf("article numbering skips from '%s' on line %d to '%s': '%s' was expected", prev.p.Label, prev.p.Line, a.p.Label, want)
		}
		out = append(out, irregular{a.p.Line, a.p.EID(), msg})
	}
	w.d.Walk(func(p *archive.Provision) bool {
		chars := 0
		for _, q := range p.Paragraphs {
			chars += utf8.RuneCountInString(q.Text)
		}
		if len(p.Paragraphs) <= lostParagraphs && chars <= lostChars {
			return true
		}
		at := w.inner[p]
		if at == 0 {
			for _, q := range p.Paragraphs {
				if len(inlineLabel.FindAllStringIndex(q.Text, 2)) == 2 {
					at = q.Line
					break
				}
			}
		}
		if at > 0 {
			out = append(out, irregular{p.Line, p.EID(), fmt.Sprintf("%s holds %d paragraphs and %s characters, with labels inside its text (line %d): were provisions run together? Separate each labelled one by a blank line",
				p.EID(), len(p.Paragraphs), thousands(chars), at)})
		}
		return true
	})
	return out
}

// what names a label's level for a message.
func what(l label) string {
	switch l.fam {
	case famLetter, famUpper:
		return "sub-paragraph"
	case famRoman, famRomanU:
		return "point"
	}
	return "numbered paragraph"
}

// printLabel writes value v as a label of l's family, printed in the
// style of prev (or of l): "4.", "(c)", "iv)", "10.6".
func printLabel(l label, v int, prev *labelled) string {
	style := l.text
	if prev != nil && !strings.HasSuffix(prev.lab.text, ",") {
		style = prev.lab.text
	}
	var num string
	switch l.fam {
	case famNumber, famParen:
		num = strconv.Itoa(v)
	case famMulti:
		num = l.num[:strings.LastIndexByte(l.num, '.')+1] + strconv.Itoa(v)
	case famLetter, famUpper:
		num = letterOf(v)
		if l.fam == famUpper {
			num = strings.ToUpper(num)
		}
	case famRoman, famRomanU:
		num = romanOf(v)
		if l.fam == famRomanU {
			num = strings.ToUpper(num)
		}
	}
	open := ""
	if strings.HasPrefix(style, "(") {
		open = "("
	}
	end := strings.TrimLeft(style, "(0123456789.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if l.fam == famMulti {
		end = ""
		if strings.HasSuffix(style, ".") {
			end = "."
		}
	}
	if end == "," || end == "" && l.fam == famNumber {
		end = "."
	}
	return open + num + end
}

func letterOf(v int) string {
	if v < 1 {
		return "?"
	}
	if v > 26 {
		c := string(rune('a' + (v-27)%26))
		return c + c
	}
	return string(rune('a' + v - 1))
}

func romanOf(v int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for v >= p.v {
			b.WriteString(p.s)
			v -= p.v
		}
	}
	return b.String()
}

// checkNumbering reports every numbering problem the editor has not
// confirmed under numbering:, and every entry there that confirms none.
func checkNumbering(w *walker, confirmed []bidiRef, errs *fileErrors) {
	listed := map[string]bool{}
	for _, c := range confirmed {
		listed[c.unit] = true
	}
	used := map[string]bool{}
	for _, ir := range w.irregulars() {
		if listed[ir.eid] {
			used[ir.eid] = true
			continue
		}
		errs.list = append(errs.list, Error{File: errs.file, Line: ir.line, eid: ir.eid,
			Msg: ir.msg + "; if the text is printed so, confirm it with 'numbering: [" + ir.eid + "]' in the front matter"})
	}
	for _, c := range confirmed {
		switch {
		case used[c.unit]:
		case func() bool { _, ok := w.d.Provision(c.unit); return ok }():
			errs.add(c.line, "numbering: %s has nothing irregular to confirm: list only the provisions whose numbering check reports", c.unit)
		default:
			errs.add(c.line, "numbering: there is no provision %s: write its eId, e.g. para_11 or art_4__para_3", c.unit)
		}
	}
}

// numberingRefs reads the list of provisions whose numbering the editor
// confirms.
func numberingRefs(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) []bidiRef {
	if val.Kind != yaml.SequenceNode {
		errs.add(at(val), "numbering must be a list of eIds, e.g. [para_11, art_4__para_3]")
		return nil
	}
	var out []bidiRef
	for _, n := range val.Content {
		if unit := scalar(n, "each numbering entry", errs, at); unit != "" {
			out = append(out, bidiRef{unit: unit, line: at(n)})
		}
	}
	return out
}

// Irregular returns the eIds of the provisions whose numbering a Parse
// error reports as irregular and the front matter may confirm, in the
// order reported: what an importer lists under numbering: before it
// parses its file again. The eIds are the same whether or not they are
// confirmed.
func Irregular(err error) []string {
	var list ErrorList
	if !errors.As(err, &list) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, e := range list {
		if e.eid != "" && !seen[e.eid] {
			seen[e.eid] = true
			out = append(out, e.eid)
		}
	}
	return out
}
