package httpx

import (
	"net/http"
	"net/textproto"
)

// Fields are response header fields made once and shared by every
// response that carries them: Set assigns each to a response's header map
// as it is, with no key canonicalised, no value formatted and no slice
// made per request. net/http only reads the values it is given; each is
// capped at length one, so that an Add elsewhere copies it rather than
// writing into the shared array.
type Fields []Field

// Field is one header field of Fields: its key in canonical form.
type Field struct {
	Key   string
	Value []string
}

// NewFields makes Fields of name, value pairs; a later pair replaces an
// earlier one of the same name.
func NewFields(pairs ...string) Fields {
	if len(pairs)%2 != 0 {
		panic("httpx.NewFields: a name without its value")
	}
	var f Fields
	for i := 0; i < len(pairs); i += 2 {
		f = f.With(pairs[i], pairs[i+1])
	}
	return f
}

// With returns a copy of f with the field name set to value, replacing
// the field of that name if f has one. f itself is left as it is.
func (f Fields) With(name, value string) Fields {
	key := textproto.CanonicalMIMEHeaderKey(name)
	v := []string{value}[:1:1]
	out := make(Fields, len(f), len(f)+1)
	copy(out, f)
	for i := range out {
		if out[i].Key == key {
			out[i].Value = v
			return out
		}
	}
	return append(out, Field{key, v})
}

// Get returns the value of the field name, or "".
func (f Fields) Get(name string) string {
	key := textproto.CanonicalMIMEHeaderKey(name)
	for _, x := range f {
		if x.Key == key {
			return x.Value[0]
		}
	}
	return ""
}

// Set assigns every field of f to h, replacing any value h has for it.
func (f Fields) Set(h http.Header) {
	for _, x := range f {
		h[x.Key] = x.Value
	}
}

// AlreadySet reports whether h holds f's first field as f's own shared
// value, which only f's Set puts there: a guard that sets f can tell that
// an identical guard in front of it already has.
func (f Fields) AlreadySet(h http.Header) bool {
	if len(f) == 0 {
		return true
	}
	v := h[f[0].Key]
	return len(v) == 1 && &v[0] == &f[0].Value[0]
}
