package web

import (
	"html/template"
	"slices"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// How a unit's classification is shown: its commitments' verb phrases marked
// in the text, and its labels (commitments, topics, names) under it.

// unitOf is the classification that covers p: its clause's, or its own
// for a preamble paragraph.
func unitOf(p *archive.Paragraph) *archive.Classification {
	if p.Clause != nil {
		return &p.Clause.Classification
	}
	return p.Classification
}

// commitmentSpans are the verb phrases of cl's commitments that are in p.
func commitmentSpans(p *archive.Paragraph, cl *archive.Classification) []span {
	var out []span
	for _, m := range cl.Commitments {
		if m.Paragraph == p && m.Type != nil && m.End > m.Start && int(m.End) <= len(p.Text) {
			out = append(out, span{int(m.Start), int(m.End), "verb verb-" + m.Type.Code, m.Type.Name})
		}
	}
	return out
}

// markedHTML is p's HTML with its commitments' verb phrases marked.
func markedHTML(p *archive.Paragraph) template.HTML {
	return template.HTML(markSpans(p.HTML, p.Text, commitmentSpans(p, unitOf(p))))
}

// Labels are a unit's classification, ready to show and to follow.
type Labels struct {
	Commitments []CommitmentLabel // one per type and actor
	Phrases     []CommitmentLabel // every commitment, in reading order
	Topics      []Link
	Entities    []Link
}

// CommitmentLabel is one commitment: its type, the phrase as printed and
// who commits.
type CommitmentLabel struct {
	Type   *archive.CommitmentType
	Phrase string
	Actor  string // a party's name, or "" when every party commits
	URL    string // every commitment of this type
}

func (l Labels) Empty() bool {
	return len(l.Commitments) == 0 && len(l.Topics) == 0 && len(l.Entities) == 0
}

func (s *Server) labels(cl *archive.Classification) Labels {
	var l Labels
	for _, m := range cl.Commitments {
		if m.Type == nil {
			continue
		}
		cm := CommitmentLabel{Type: m.Type, Phrase: m.Phrase(), URL: "/commitments#" + m.Type.Code}
		if m.Actor == archive.UnresolvedActor {
			cm.Actor = formats.UnresolvedActorName
		} else if m.Actor != "" {
			if p, err := s.cfg.Archive.LookupParty(m.Actor); err == nil {
				cm.Actor = p.Name
			}
		}
		l.Phrases = append(l.Phrases, cm)
		if !slices.ContainsFunc(l.Commitments, func(o CommitmentLabel) bool { return o.Type == cm.Type && o.Actor == cm.Actor }) {
			l.Commitments = append(l.Commitments, cm)
		}
	}
	for _, t := range cl.Topics {
		l.Topics = append(l.Topics, Link{Label: t.Name, Value: t.Slug, URL: "/topics/" + t.Slug})
	}
	for _, e := range cl.Entities {
		l.Entities = append(l.Entities, Link{Label: e.Name, Value: e.Slug, URL: "/entities/" + e.Slug})
	}
	return l
}

// Unit is a clause or preamble paragraph listed on a page of its own
// kind: a topic's, an entity's, the commitments'.
type Unit struct {
	Doc     *archive.Document
	Clause  *archive.Clause // nil for a preamble paragraph
	Para    *archive.Paragraph
	Label   string // "para. 3", "Art. 51(1)", "preamble, paragraph 2"
	URL     string
	Context string
	Text    string
	Labels  Labels
}

func (s *Server) unit(d *archive.Document, c *archive.Clause, p *archive.Paragraph) Unit {
	u := Unit{Doc: d, Clause: c, Para: p}
	if c != nil {
		u.Label, u.URL, u.Context, u.Text = c.Cite(), c.Path(), c.ContextPath(), c.Text()
		u.Labels = s.labels(&c.Classification)
	} else {
		u.Label, u.URL, u.Context, u.Text = "preamble, paragraph "+itoa(p.Index), p.ContextPath(), p.ContextPath(), p.Text
		u.Labels = s.labels(p.Classification)
	}
	return u
}

// searchFacetLabel names a classification facet's value for people.
func (s *Server) classLabel(field, value string) string {
	switch field {
	case "commitment":
		if t, ok := s.cfg.Vocabulary.Type(value); ok {
			return t.Name
		}
	case "topic":
		if t, ok := s.cfg.Vocabulary.Topic(value); ok {
			return t.Name
		}
	case "entity":
		if e, ok := s.cfg.Vocabulary.Entity(value); ok {
			return e.Name
		}
	case "actor":
		if value == archive.JointActor {
			return "All parties jointly"
		}
		if p, err := s.cfg.Archive.LookupParty(value); err == nil {
			return p.Name + " alone"
		}
	}
	return value
}
