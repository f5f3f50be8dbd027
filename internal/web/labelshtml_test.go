package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// labelsTemplate is the template Labels.HTML and Labels.AboutLine replace.
const labelsTemplate = `{{define "labels"}}
{{if not .Empty}}<div class="labels">
{{if .Commitments}}<p class="commitments"><span class="visually-hidden">Commitments: </span>{{range .Commitments}}<a class="tag tag-{{.Type.Code}}" href="{{.URL}}" title="{{.Type.Summary}}">{{.Type.Name}}{{with .Actor}} · {{.}}{{end}}</a> {{end}}</p>{{end}}
{{template "about-line" .}}
</div>{{end}}
{{end}}

{{define "about-line"}}
{{if or .Topics .Entities}}<p class="about-line">{{if .Topics}}<span class="what">Topics</span> {{range $i, $t := .Topics}}{{if $i}}, {{end}}<a href="{{$t.URL}}">{{$t.Label}}</a>{{end}}{{end}}{{if and .Topics .Entities}}<span aria-hidden="true"> · </span>{{end}}{{if .Entities}}<span class="what">Names</span> {{range $i, $e := .Entities}}{{if $i}}, {{end}}<a href="{{$e.URL}}">{{$e.Label}}</a>{{end}}{{end}}</p>{{end}}
{{end}}`

// TestLabelsWriteWhatTheTemplateWrote holds Labels.HTML and AboutLine to
// html/template, for every paragraph of the seed and for hostile labels.
func TestLabelsWriteWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(labelsTemplate))
	s := seed(t)
	var all []Labels
	for _, d := range s.cfg.Archive.Documents() {
		for _, p := range d.Preamble {
			all = append(all, s.labels(p.Classification))
		}
		for _, c := range d.Clauses {
			all = append(all, s.labels(&c.Classification))
		}
	}
	hostile := &archive.CommitmentType{Code: `a"b<c>&'+`, Name: "<script>alert(1)</script>", Summary: `"quoted" & 'single' + plus`}
	all = append(all,
		Labels{},
		Labels{Topics: []Link{{Label: "Trade & <transport>", URL: "/topics/a b"}}},
		Labels{Entities: []Link{{Label: "O'Neill \"x\"", URL: "javascript:alert(1)"}, {Label: "Belém", URL: "/entities/belém"}}},
		Labels{
			Commitments: []CommitmentLabel{{Type: hostile, Actor: "<b>Estonia</b>", URL: "/commitments#a+b"}, {Type: hostile, URL: "/commitments#x"}},
			Topics:      []Link{{Label: "a", URL: "/topics/a"}, {Label: "b", URL: "/topics/b?c=d&e=f"}},
			Entities:    []Link{{Label: "c", URL: "/entities/c"}},
		},
	)
	withCommitments, withTopics := 0, 0
	for _, l := range all {
		if len(l.Commitments) > 0 {
			withCommitments++
		}
		if len(l.Topics) > 0 {
			withTopics++
		}
		for name, got := range map[string]template.HTML{"labels": l.HTML(), "about-line": l.AboutLine()} {
			var want strings.Builder
			if err := tmpl.ExecuteTemplate(&want, name, l); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("%s of %+v:\n%q\nthe template wrote:\n%q", name, l, got, want.String())
			}
		}
	}
	if withCommitments < 5 || withTopics < 5 {
		t.Errorf("%d labels with commitments, %d with topics: the seed should give the test more", withCommitments, withTopics)
	}
}
