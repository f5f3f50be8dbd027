package archive

import (
	"strings"

	"golang.org/x/text/language"
)

// LanguageBase is the primary language of a BCP 47 tag, as every part of
// the archive compares languages: "ru" for ru, RU, ru-RU and rus; "en" for
// the empty tag (a text's language by default); a tag that does not parse
// as one falls back to its first subtag in lower case, and "und" when
// that is not letters.
func LanguageBase(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" || tag == "en" {
		return "en"
	}
	if t, err := language.Parse(tag); err == nil {
		if b, conf := t.Base(); conf != language.No {
			return b.String()
		}
	}
	first, _, _ := strings.Cut(strings.ToLower(tag), "-")
	if first == "" || len(first) > 8 || strings.Trim(first, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "und"
	}
	return first
}
