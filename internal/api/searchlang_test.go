package api

import (
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"testing"
	"testing/fstest"
)

// withRussian is the seed's content tree with a short Russian statement.
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
	m["documents/2025-11-18-ru-coastal.md"] = &fstest.MapFile{Data: []byte(`---
title: Совместное заявление
kind: joint-statement
date: 2025-11-18
parties: [KZ, EE]
language: ru
---
1. Стороны договорились укреплять сотрудничество в области береговой обороны.
`)}
	return m
}

// A hit carries its language; lang filters and is a facet, labelled in
// English; a bad lang is a 400.
func TestSearchLanguages(t *testing.T) {
	srv, _ := apiOverArchive(t, withRussian(t))
	_, router := loadOpenAPI(t)
	for _, path := range []string{
		"/search?q=" + url.QueryEscape("береговая оборона"),
		"/search?q=cooperation&lang=ru",
		"/search?q=" + url.QueryEscape("сотрудничество OR cooperation"),
	} {
		resp, body := fetch(t, http.MethodGet, srv.URL+"/api/v1"+path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		checkAgainstOpenAPI(t, router, path, resp, body)
	}
	var res searchResults
	getJSON(t, srv.URL, "/search?q="+url.QueryEscape("береговая оборона"), &res)
	if len(res.Hits) != 1 || res.Hits[0].Lang != "ru" || res.Hits[0].EID != "para_1" {
		t.Errorf("береговая оборона: %+v; want the Russian para_1, lang ru", res.Hits)
	}
	getJSON(t, srv.URL, "/search?q="+url.QueryEscape("сотрудничество OR cooperation"), &res)
	langs := map[string]string{}
	for _, f := range res.Facets {
		if f.Field == "lang" {
			for _, term := range f.Terms {
				langs[term.Value] = term.Label
			}
		}
	}
	if langs["ru"] != "Russian" || langs["en"] != "English" {
		t.Errorf("lang facet = %v; want ru: Russian, en: English", langs)
	}
	getJSON(t, srv.URL, "/search?q="+url.QueryEscape("сотрудничество OR cooperation")+"&lang=en", &res)
	for _, h := range res.Hits {
		if h.Lang != "en" {
			t.Errorf("lang=en found a hit in %q", h.Lang)
		}
	}
	if resp, body := fetch(t, http.MethodGet, srv.URL+"/api/v1/search?q=x&lang=%21%21"); resp.StatusCode != 400 {
		t.Errorf("lang=!! = %d %s; want 400", resp.StatusCode, body)
	}
}
