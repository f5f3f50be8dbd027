package web

import (
	"io/fs"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// russianStatement is a short statement in Russian, beside the seed.
const russianStatement = `---
title: Совместное заявление о береговой обороне
kind: joint-statement
date: 2025-11-18
parties: [KZ, EE]
language: ru
---
1. Стороны договорились укреплять сотрудничество в области береговой обороны.
`

// withRussian is the seed's content tree with russianStatement added.
func withRussian(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("../../content/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["documents/2025-11-18-ru-coastal.md"] = &fstest.MapFile{Data: []byte(russianStatement)}
	return m
}

// A Russian query finds the Russian text in another form, its snippet in
// its language; the lang facet and filter name the language in English.
func TestSearchPageLanguages(t *testing.T) {
	s := serverOver(t, withRussian(t), nil)
	h := s.Handler()
	tests := []struct {
		target string
		status int
		want   []string
		not    []string
	}{
		{searchURL("q", "береговая оборона"), 200, []string{`<blockquote class="snippet" lang="ru">`, "<mark>береговой</mark> <mark>обороны</mark>", "Language", `href="/search?lang=ru&amp;q=`, `>Russian <span class="count">`, "<h2>Language</h2>"}, nil},
		{searchURL("q", "cooperation", "lang", "RU"), 200, []string{"Language: Russian", `href="/search?q=cooperation"`, "Nothing matches", "without the language filter"}, nil},
		{"/search.atom?lang=ru", 200, []string{"<entry", `xml:lang="ru"`}, nil},
		{searchURL("q", "сотрудничество", "lang", "ru"), 200, []string{"Language: Russian", "<mark>сотрудничество</mark>"}, nil},
		{searchURL("q", "cooperation"), 200, []string{`<blockquote class="snippet">`}, []string{`lang="ru"`}},
		{searchURL("q", "x", "lang", "not a language"), 400, []string{"is not a language"}, nil},
		{searchURL("lang", "ru"), 200, []string{"Language: Russian", `lang="ru"`}, []string{"How to search"}},
	}
	for _, tt := range tests {
		res := get(t, h, http.MethodGet, tt.target)
		b := body(t, res)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s = %d; want %d", tt.target, res.StatusCode, tt.status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(b, w) {
				t.Errorf("GET %s: no %q", tt.target, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(b, w) {
				t.Errorf("GET %s: %q", tt.target, w)
			}
		}
	}
	// The seed alone, all in English, has no language facet.
	if b := body(t, get(t, seed(t).Handler(), http.MethodGet, searchURL("q", "cooperation"))); strings.Contains(b, `lang=en`) {
		t.Errorf("the seed's search links a language facet")
	}
}
