package archive

import "errors"

// ErrIndexing is wrapped by a Searcher's error while the search index is
// still being built after a start: the pages are served already, and a
// search can be asked again in a moment.
var ErrIndexing = errors.New("the search index is being built")
