package formats

import (
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// TestNotesIn: a footnote's marker, which the loader renders into the
// HTML only, is placed in the text where the HTML has it: after the same
// text, or after the same words when the text has markup the HTML does
// not; a marker of no note is left out; the same note marked twice is a
// <noteRef> the second time.
func TestNotesIn(t *testing.T) {
	ref := func(n string) string {
		return `<sup class="noteref"><a href="#note_` + n + `" id="ref_note_` + n + `">` + n + `</a></sup>`
	}
	n1 := &archive.Provision{Element: archive.ElNote, Label: "1", Num: "1", Paragraphs: []*archive.Paragraph{{Text: "A note."}}}
	n2 := &archive.Provision{Element: archive.ElNote, Label: "2", Num: "2", Paragraphs: []*archive.Paragraph{{Text: "B & C."}}}
	d := &archive.Document{Notes: []*archive.Provision{n1, n2}}
	d.Build()
	for _, tt := range []struct {
		text, html, want string
	}{
		{"The Parties agreed to it.", "The Parties agreed" + ref("1") + " to it.", "The Parties agreed[^1] to it."},
		{"The Parties agreed to it.", "The Parties agreed to it." + ref("1"), "The Parties agreed to it.[^1]"},
		{"The *Parties* agreed to it & more.", "The <em>Parties</em> agreed" + ref("2") + " to it &amp; more.", "The *Parties* agreed[^2] to it & more."},
		{"One, two and three.", "One" + ref("1") + ", two" + ref("2") + " and three.", "One[^1], two[^2] and three."},
		{"No such note.", "No such note" + ref("9") + ".", "No such note."},
	} {
		p := &archive.Paragraph{Text: tt.text, HTML: tt.html}
		got, last := "", 0
		for _, a := range notesIn(p, noteMap(d)) {
			got += p.Text[last:a.pos] + "[^" + marker(a.note) + "]"
			last = a.pos
		}
		if got += p.Text[last:]; got != tt.want {
			t.Errorf("notesIn(%q) places the markers as %q; want %q", tt.html, got, tt.want)
		}
	}
	w := newTreeWriter(d)
	p := &archive.Paragraph{Text: "Twice and twice.", HTML: "Twice" + ref("2") + " and twice" + ref("2") + "."}
	want := `Twice<authorialNote marker="2" placement="bottom" eId="note_2"><p>B &amp; C.</p></authorialNote> and twice<noteRef href="#note_2" marker="2"></noteRef>.`
	if got := w.inline(p); got != want {
		t.Errorf("inline = %s\nwant %s", got, want)
	}
	if !strings.Contains(w.inline(&archive.Paragraph{Text: "a<b", HTML: "a&lt;b"}), "a&lt;b") {
		t.Error("text is not escaped")
	}
}

func TestAttachmentName(t *testing.T) {
	for label, want := range map[string]string{
		"ANNEX I": "annex", "Annex": "annex", "Annex A": "annex", "Appendix 2": "appendix", "Final Act": "finalAct",
		"PROTOCOL II": "protocol", "": "attachment", "Annex IV – Projects": "annex",
	} {
		if got := attachmentName(&archive.Provision{Label: label}); got != want {
			t.Errorf("attachmentName(%q) = %q; want %q", label, got, want)
		}
	}
}
