package formats

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/testenv"
)

// offsetCase is one commitment's span with the text it is in, as a data
// user has them from data.json: the paragraph's text and the commitment.
type offsetCase struct {
	Text string `json:"text"`
	CommitmentJSON
}

// offsetCases are the seed's commitments and made-up ones after accented
// letters, a combining accent, Chinese, and emoji beyond the BMP (two
// UTF-16 units each), where byte, UTF-16 and code point offsets differ.
func offsetCases(t *testing.T) []offsetCase {
	t.Helper()
	var out []offsetCase
	d := seed(t)
	for _, c := range d.Clauses {
		for _, m := range c.Commitments {
			if m.Type != nil && m.Paragraph != nil {
				out = append(out, offsetCase{m.Paragraph.Text, testSite.Commitment(m)})
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("the seed has no commitments")
	}
	typ := &archive.CommitmentType{Code: "agreement", Name: "Agreement"}
	for _, tc := range []struct{ text, phrase string }{
		{"Les Parties ont réaffirmé leur engagement et ont convenu d’étendre la coopération.", "ont convenu"},
		{"Кабинет 🇰🇿🇪🇪 agreed to expand 🚆 transit.", "agreed to expand"},
		{"双方 agreed to expand cooperation in 跨里海 transport.", "agreed to expand"},
		{"The Parties (cafe\u0301 🤝) will support the initiative.", "will support"},
		{"🙂", "🙂"},
	} {
		start := strings.Index(tc.text, tc.phrase)
		p := &archive.Paragraph{Doc: d, Text: tc.text}
		m := archive.Commitment{Type: typ, Paragraph: p, Start: int32(start), End: int32(start + len(tc.phrase))}
		out = append(out, offsetCase{tc.text, testSite.Commitment(m)})
	}
	return out
}

// TestOffsetsInGo converts: each span's UTF-16 offsets slice the text's
// UTF-16 encoding, and its code point offsets its runes, to the phrase; and
// ByteOffset takes code points back to the bytes.
func TestOffsetsInGo(t *testing.T) {
	wrong := 0
	for _, c := range offsetCases(t) {
		u := utf16.Encode([]rune(c.Text))
		if got := string(utf16.Decode(u[c.StartUTF16:c.EndUTF16])); got != c.Phrase {
			t.Errorf("UTF-16 [%d:%d] of %q = %q; want %q", c.StartUTF16, c.EndUTF16, c.Text, got, c.Phrase)
		}
		if got := string([]rune(c.Text)[c.StartCodePoint:c.EndCodePoint]); got != c.Phrase {
			t.Errorf("code points [%d:%d] of %q = %q; want %q", c.StartCodePoint, c.EndCodePoint, c.Text, got, c.Phrase)
		}
		if ByteOffset(c.Text, c.StartCodePoint) != c.Start || ByteOffset(c.Text, c.EndCodePoint) != c.End {
			t.Errorf("ByteOffset of %q does not return to [%d:%d]", c.Text, c.Start, c.End)
		}
		if c.StartUTF16 != c.Start {
			wrong++
		}
	}
	if wrong < 4 {
		t.Errorf("only %d spans where bytes and UTF-16 differ: the cases test too little", wrong)
	}
}

// TestOffsetsInPython slices each text in Python, as a data user reading
// data.json does: text[start_codepoint:end_codepoint], and the UTF-16
// offsets over the text encoded as UTF-16.
func TestOffsetsInPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "no python3 to slice the offsets in: apt-get install python3")
	}
	cases, err := json.Marshal(offsetCases(t))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(f, cases, 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import json, sys
bad = 0
cases = json.load(open(sys.argv[1], encoding="utf-8"))
for c in cases:
    t = c["text"]
    cp = t[c["start_codepoint"]:c["end_codepoint"]]
    u = t.encode("utf-16-le")[2*c["start_utf16"]:2*c["end_utf16"]].decode("utf-16-le")
    if cp != c["phrase"] or u != c["phrase"]:
        bad += 1
        print("wrong:", repr(t), repr(cp), repr(u), repr(c["phrase"]))
print(len(cases), "spans,", bad, "wrong")
sys.exit(1 if bad else 0)
`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", script, f).CombinedOutput()
	if err != nil {
		t.Errorf("python: %v\n%s", err, out)
	}
}
