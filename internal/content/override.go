package content

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// An editor corrects the classification rules in the front matter:
//
//	classification:
//	  7:                       # clause 7; also para_7, or preamble__p_2
//	    commitments:
//	      - {type: support, phrase: welcomed, actor: EE}
//	    topics: [multilateralism]
//	    entities: [united-nations]
//
// Each list given replaces what the rules find. The loader checks the shape,
// the units, the parties and that each phrase is in the unit's text; the
// classify package checks the type, topic and entity ids against the
// vocabulary when it applies the rules.

var (
	clauseKey   = regexp.MustCompile(`^(?:para_)?([1-9][0-9]{0,5})$`)
	preambleKey = regexp.MustCompile(`^preamble__p_([1-9][0-9]{0,5})$`)
	// eidKey is any provision's eId: art_4__para_2, sec_2__p_1, att_1.
	eidKey = regexp.MustCompile(`^[a-z]+_[A-Za-z0-9.]+(?:-[0-9]+)?(?:__[a-z]+_[A-Za-z0-9.]+(?:-[0-9]+)?)*$`)
)

// override is one unit's override as written, before the body is read.
type override struct {
	key      string
	clause   int // or
	preamble int
	o        *archive.Override
	phrases  []int // line of each commitment's phrase
}

func decodeOverrides(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) []override {
	if val.Kind != yaml.MappingNode {
		errs.add(at(val), "classification must map clause numbers to their classification, e.g. '3: {topics: [trade]}'")
		return nil
	}
	var out []override
	for i := 0; i+1 < len(val.Content); i += 2 {
		key, body := val.Content[i], val.Content[i+1]
		ov := override{key: key.Value, o: &archive.Override{Line: at(key)}}
		if m := clauseKey.FindStringSubmatch(key.Value); m != nil {
			ov.clause, _ = strconv.Atoi(m[1])
		} else if m := preambleKey.FindStringSubmatch(key.Value); m != nil {
			ov.preamble, _ = strconv.Atoi(m[1])
		} else if !eidKey.MatchString(key.Value) {
			errs.add(at(key), "classification: unknown unit %q: write a clause number (3 or para_3), a preamble paragraph (preamble__p_1) or a provision's eId (art_4__para_2)", key.Value)
			continue
		}
		if body.Kind != yaml.MappingNode {
			errs.add(at(body), "classification of %s must have commitments, topics or entities", key.Value)
			continue
		}
		seen := map[string]bool{}
		for j := 0; j+1 < len(body.Content); j += 2 {
			f, v := body.Content[j], body.Content[j+1]
			if seen[f.Value] {
				errs.add(at(f), "classification of %s: field %q repeats", key.Value, f.Value)
				continue
			}
			seen[f.Value] = true
			switch f.Value {
			case "commitments":
				ov.o.SetCommitments = true
				ov.o.Commitments, ov.phrases = overrideCommitments(v, errs, at)
			case "topics":
				ov.o.SetTopics = true
				ov.o.Topics = overrideRefs(v, "topics", errs, at)
			case "entities":
				ov.o.SetEntities = true
				ov.o.Entities = overrideRefs(v, "entities", errs, at)
			default:
				errs.add(at(f), "classification of %s: unknown field %q: the fields are commitments, topics, entities", key.Value, f.Value)
			}
		}
		out = append(out, ov)
	}
	return out
}

func overrideCommitments(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) ([]archive.OverrideCommitment, []int) {
	if val.Kind != yaml.SequenceNode {
		errs.add(at(val), "commitments must be a list, e.g. [{type: agreement, phrase: agreed to expand}]")
		return nil, nil
	}
	var (
		out   []archive.OverrideCommitment
		lines []int
	)
	for _, n := range val.Content {
		if n.Kind != yaml.MappingNode {
			errs.add(at(n), "each commitment has a type, a phrase and, for one party, an actor")
			continue
		}
		c := archive.OverrideCommitment{Line: at(n)}
		phraseLine := at(n)
		for j := 0; j+1 < len(n.Content); j += 2 {
			f, v := n.Content[j], n.Content[j+1]
			switch f.Value {
			case "type":
				c.Type = scalar(v, "type", errs, at)
				c.Line = at(v)
			case "phrase":
				c.Phrase = scalar(v, "phrase", errs, at)
				phraseLine = at(v)
			case "actor":
				c.Actor = scalar(v, "actor", errs, at)
			default:
				errs.add(at(f), "unknown commitment field %q: the fields are type, phrase, actor", f.Value)
			}
		}
		if c.Type == "" || c.Phrase == "" {
			errs.add(at(n), "a commitment needs a type and the phrase as printed in the text")
			continue
		}
		out = append(out, c)
		lines = append(lines, phraseLine)
	}
	return out, lines
}

func overrideRefs(val *yaml.Node, field string, errs *fileErrors, at func(*yaml.Node) int) []archive.OverrideRef {
	if val.Kind != yaml.SequenceNode {
		errs.add(at(val), "%s must be a list of ids, e.g. [trade, transport]", field)
		return nil
	}
	refs := []archive.OverrideRef{}
	for _, n := range val.Content {
		if s := scalar(n, "each of "+field, errs, at); s != "" {
			refs = append(refs, archive.OverrideRef{Slug: s, Line: at(n)})
		}
	}
	return refs
}

// attachOverrides puts each override on its unit, once the body is read,
// and finds each commitment's phrase in the unit's text.
func attachOverrides(d *archive.Document, list []override, errs *fileErrors) {
	seen := map[*archive.Classification]string{}
	for _, ov := range list {
		var (
			cl    *archive.Classification
			paras []*archive.Paragraph
			what  string
		)
		if ov.clause > 0 || ov.preamble == 0 {
			c, ok := d.Clause(ov.clause)
			what = "clause " + strconv.Itoa(ov.clause)
			if !ok {
				// Any provision, by its eId; "para_3" also when it is not
				// clause 3 of a simple statement.
				c, ok = d.Provision(ov.key)
				what = ov.key
			}
			if !ok {
				if ov.clause > 0 {
					errs.add(ov.o.Line, "classification: there is no clause %d", ov.clause)
				} else {
					errs.add(ov.o.Line, "classification: there is no provision %s", ov.key)
				}
				continue
			}
			cl, paras = &c.Classification, c.Paragraphs
		} else {
			if ov.preamble > len(d.Preamble) {
				errs.add(ov.o.Line, "classification: there is no preamble paragraph %d", ov.preamble)
				continue
			}
			p := d.Preamble[ov.preamble-1]
			cl, paras, what = p.Classification, []*archive.Paragraph{p}, "preamble paragraph "+strconv.Itoa(ov.preamble)
		}
		if prev, ok := seen[cl]; ok {
			errs.add(ov.o.Line, "classification: %s is also classified as %q", what, prev)
			continue
		}
		seen[cl] = ov.key
		for i := range ov.o.Commitments {
			c := &ov.o.Commitments[i]
			if c.Actor != "" && !d.Names(c.Actor) { // a party, or the issuer
				errs.add(c.Line, "actor %q is not a party of this document: leave it out for all parties, or write one of the parties' codes", c.Actor)
			}
			for _, p := range paras {
				if at := strings.Index(p.Text, c.Phrase); at >= 0 {
					c.Paragraph, c.Start, c.End = p, at, at+len(c.Phrase)
					break
				}
			}
			if c.Paragraph == nil {
				errs.add(ov.phrases[i], "phrase %q is not in the text of %s: copy it as printed", c.Phrase, what)
			}
		}
		cl.Override = ov.o
	}
}
