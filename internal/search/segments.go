package search

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Bleve's offline builder makes and writes each batch's segment in the
// goroutine that indexes, one at a time: most of a build's work, on one
// core. Its segment plugin is named in its configuration, so a build
// names this one, which takes the batch, returns at once, and makes and
// writes the segment on another goroutine, a few at a time; opening a
// segment, which the builder does to merge them, waits for it. The
// segments are zap's own: the plugin gives zap's Open and Merge, so the
// index reads as any other, though its root names this plugin.
//
// The builder renames its one segment without opening it when there is
// only one: an index of one batch or less is built with zap itself.
const (
	segmentType    = "accord-zap"
	segmentVersion = 17 // zap's
)

func init() {
	scorch.RegisterSegmentPlugin(asyncSegments{&zap.ZapPlugin{}}, false)
}

type asyncSegments struct{ *zap.ZapPlugin }

func (asyncSegments) Type() string { return segmentType }

func (p asyncSegments) New(results []index.Document) (segment.Segment, uint64, error) {
	return &pendingSegment{docs: results}, 0, nil
}

func (p asyncSegments) NewUsing(results []index.Document, _ map[string]any) (segment.Segment, uint64, error) {
	return p.New(results)
}

func (p asyncSegments) Open(path string) (segment.Segment, error) {
	if err := segmentsWritten.wait(path); err != nil {
		return nil, err
	}
	return p.ZapPlugin.Open(path)
}

func (p asyncSegments) OpenUsing(path string, config map[string]any) (segment.Segment, error) {
	if err := segmentsWritten.wait(path); err != nil {
		return nil, err
	}
	return p.ZapPlugin.OpenUsing(path, config)
}

// pendingSegment is a batch whose segment is made as it is persisted. The
// builder calls nothing else of it.
type pendingSegment struct {
	segment.Segment // nil: not to be read
	docs            []index.Document
}

// Persist starts making and writing the segment at path, once fewer than
// one a core are under way.
func (s *pendingSegment) Persist(path string) error {
	docs := s.docs
	s.docs = nil
	segmentsWritten.start(path, func() (err error) {
		defer guard(&err)()
		seg, _, err := (&zap.ZapPlugin{}).New(docs)
		if err != nil {
			return fmt.Errorf("make segment: %w", err)
		}
		defer seg.Close()
		return seg.(segment.UnpersistedSegment).Persist(path)
	})
	return nil
}

func (s *pendingSegment) Close() error { return nil }

// segmentsWritten are the segments being written, by path.
var segmentsWritten = newWrites()

type writes struct {
	slots chan struct{}
	mu    sync.Mutex
	m     map[string]*write
}

type write struct {
	done chan struct{}
	err  error
}

func newWrites() *writes {
	return &writes{slots: make(chan struct{}, runtime.GOMAXPROCS(0)), m: map[string]*write{}}
}

// start runs fn, which writes path, on its own goroutine once a slot is free.
func (w *writes) start(path string, fn func() error) {
	wr := &write{done: make(chan struct{})}
	w.mu.Lock()
	w.m[path] = wr
	w.mu.Unlock()
	w.slots <- struct{}{}
	go func() {
		defer func() { <-w.slots }()
		wr.err = fn()
		close(wr.done)
	}()
}

// wait waits for the write of path, if one was started, and forgets it.
func (w *writes) wait(path string) error {
	w.mu.Lock()
	wr := w.m[path]
	delete(w.m, path)
	w.mu.Unlock()
	if wr == nil {
		return nil
	}
	<-wr.done
	return wr.err
}

// waitUnder waits for every write under dir, and forgets them: a build
// that fails must not leave one writing into a directory being removed.
func (w *writes) waitUnder(dir string) {
	w.mu.Lock()
	var paths []string
	for p := range w.m {
		if strings.HasPrefix(p, dir+string(filepath.Separator)) {
			paths = append(paths, p)
		}
	}
	w.mu.Unlock()
	for _, p := range paths {
		w.wait(p)
	}
}
