package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/httpx"
)

// assets are the static files, each served under a name that carries a
// hash of its content (style.css as style.3f9a0c21.css) so that it can be
// cached for a year and still change the moment it is edited.
type assets struct {
	byName map[string]string // style.css -> style.3f9a0c21.css
	files  map[string]*page  // style.3f9a0c21.css -> its page
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byName: map[string]string{}, files: map[string]*page{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		p := newPage(ctype, b)
		p.cache = cacheAsset
		a.byName[name] = hashed
		a.files[hashed] = p.seal()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return a, nil
}

// path returns the address of the static file name; an unknown name is an
// error, so that a template naming a missing file fails at start.
func (a *assets) path(name string) (string, error) {
	h, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + h, nil
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "*")
	if p, ok := s.static.files[name]; ok {
		p.serve(w, r)
		return
	}
	if to, ok := s.staticRedirect(name); ok {
		w.Header().Set("Cache-Control", "public, max-age=300")
		httpx.Redirect(w, r, to, http.StatusFound)
		return
	}
	s.serveNotFound(w, r)
}
