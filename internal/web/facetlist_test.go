package web

import (
	"html/template"
	"strings"
	"testing"
)

// facetListTemplate is the template facetList replaces.
const facetListTemplate = `
<ul class="facet">
{{range .}}<li><a href="{{.URL}}"{{if .Active}} aria-current="true" class="active"{{end}}>{{.Label}} <span class="count">{{number .Count}}</span>{{if .Active}}<span class="visually-hidden"> (selected; select to remove)</span>{{end}}</a></li>
{{end}}</ul>
`

// TestFacetListWritesWhatTheTemplateWrote holds facetList to html/template's
// escaping, with labels and addresses a hostile query could put there.
func TestFacetListWritesWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"number": groupThousands}).Parse(facetListTemplate))
	links := []Link{
		{Label: "Estonia", URL: "/search?party=EE&q=cooperation", Count: 12},
		{Label: "2025", URL: "/documents?year=2025", Count: 1234567, Active: true},
		{Label: `<script>alert("x")</script> & 'quotes' + more`, URL: `/search?q=%3Cscript%3E&amp;x="y"'z'(a)<b>`, Count: 0},
		{Label: "Belém, São Paulo — ü\x00", URL: "/search?q=Belém São Paulo", Count: -3},
		{Label: "x", URL: "javascript:alert(1)", Count: 1},
		{Label: "x", URL: "JavaScript:alert(1)", Count: 1},
		{Label: "x", URL: "data:text/html,<b>", Count: 1},
		{Label: "x", URL: "https://example.org/a?b=c&d=e#f", Count: 1},
		{Label: "x", URL: "mailto:someone@example.org", Count: 1},
		{Label: "x", URL: "MAİLTO:x", Count: 1},
		{Label: "x", URL: "httpſ://evil", Count: 1},
		{Label: "x", URL: "HTTPS://example.org", Count: 1},
		{Label: "x", URL: "/a/b:c?d=e:f", Count: 1},
		{Label: "x", URL: "/%zz\t\n\r\x7f~!#$*+,;=@[]", Count: 1},
		{Label: "x", URL: "/a%20b%2", Count: 1},
		{Label: "x", URL: "/x%41", Count: 1},
		{Label: "", URL: "", Count: 1},
	}
	for i := range links {
		for _, set := range [][]Link{links[i : i+1], links} {
			var want strings.Builder
			if err := tmpl.Execute(&want, set); err != nil {
				t.Fatal(err)
			}
			if got := string(facetList(set)); got != want.String() {
				t.Fatalf("facetList(%+v):\n%q\nthe template wrote:\n%q", set, got, want.String())
			}
		}
	}
	if got := facetList(nil); got != "\n<ul class=\"facet\">\n</ul>\n" {
		t.Errorf("facetList(nil) = %q", got)
	}
}
