package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// OAI-PMH 2.0 at /oai, for libraries' harvesters: every document is one
// record, in Dublin Core (oai_dc) and Akoma Ntoso (akn).
//
// A record's datestamp is its document's date of issue, at the day's
// granularity: the archive keeps no date of loading or change that would
// be the same on every start and in every export, and a text, once
// published, does not change. A harvester asking from a date gets the
// documents issued since; one added later with an older date is found by
// a full harvest. The archive has no sets (noSetHierarchy) and deletes
// nothing (deletedRecord: no). Only GET is answered: the archive takes no
// request bodies.

const (
	oaiNS          = "http://www.openarchives.org/OAI/2.0/"
	oaiSchema      = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
	oaiDCNS        = "http://www.openarchives.org/OAI/2.0/oai_dc/"
	oaiDCSchema    = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
	dcNS           = "http://purl.org/dc/elements/1.1/"
	xsiNS          = "http://www.w3.org/2001/XMLSchema-instance"
	aknNS          = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
	aknSchema      = "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd"
	oaiDay         = "2006-01-02"
	oaiPageRecords = 100 // records or headers in one answer; a resumption token for the rest
)

// oaiFormats are the metadata formats every record is disseminated in.
var oaiFormats = []oaiMetadataFormat{
	{"oai_dc", oaiDCSchema, oaiDCNS},
	{"akn", aknSchema, aknNS},
}

// oaiRepo answers OAI-PMH requests over a fixed list of documents.
type oaiRepo struct {
	site   formats.Site
	docs   []*archive.Document // by datestamp, then slug
	bySlug map[string]*archive.Document
	host   string // the namespace of the identifiers: oai:{host}:{slug}
	admin  string
	gen    string // the archive's version, in resumption tokens
	now    func() time.Time
}

func newOAI(site formats.Site, docs []*archive.Document, admin string) *oaiRepo {
	sorted := slices.Clone(docs)
	slices.SortStableFunc(sorted, func(a, b *archive.Document) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Slug, b.Slug))
	})
	h := sha256.New()
	bySlug := make(map[string]*archive.Document, len(docs))
	for _, d := range sorted {
		h.Write([]byte(d.Slug))
		h.Write(d.Digest[:])
		bySlug[d.Slug] = d
	}
	host := "localhost"
	if u, err := url.Parse(site.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	if admin == "" {
		// RFC 2142's mailbox for a web service, as OAI-PMH requires one
		// (and its schema a domain with a dot).
		admin = "webmaster@" + host
		if !strings.Contains(host, ".") {
			admin += ".localdomain"
		}
	}
	return &oaiRepo{site: site, docs: sorted, bySlug: bySlug, host: host, admin: admin,
		gen: hex.EncodeToString(h.Sum(nil)[:6]), now: time.Now}
}

// oaiError is one of the protocol's errors, answered with 200 as it says.
type oaiError struct {
	Code string `xml:"code,attr"`
	Msg  string `xml:",chardata"`
}

type oaiRequest struct {
	Verb           string `xml:"verb,attr,omitempty"`
	Identifier     string `xml:"identifier,attr,omitempty"`
	MetadataPrefix string `xml:"metadataPrefix,attr,omitempty"`
	From           string `xml:"from,attr,omitempty"`
	Until          string `xml:"until,attr,omitempty"`
	Set            string `xml:"set,attr,omitempty"`
	Token          string `xml:"resumptionToken,attr,omitempty"`
	URL            string `xml:",chardata"`
}

type oaiHeader struct {
	Identifier string `xml:"identifier"`
	Datestamp  string `xml:"datestamp"`
}

type oaiRecord struct {
	Header   oaiHeader `xml:"header"`
	Metadata struct {
		Inner []byte `xml:",innerxml"`
	} `xml:"metadata"`
}

type oaiIdentify struct {
	Name     string `xml:"repositoryName"`
	BaseURL  string `xml:"baseURL"`
	Version  string `xml:"protocolVersion"`
	Admin    string `xml:"adminEmail"`
	Earliest string `xml:"earliestDatestamp"`
	Deleted  string `xml:"deletedRecord"`
	Granular string `xml:"granularity"`
	Compress string `xml:"compression,omitempty"`
}

type oaiMetadataFormat struct {
	Prefix    string `xml:"metadataPrefix"`
	Schema    string `xml:"schema"`
	Namespace string `xml:"metadataNamespace"`
}

type oaiToken struct {
	Size   int    `xml:"completeListSize,attr"`
	Cursor int    `xml:"cursor,attr"`
	Token  string `xml:",chardata"`
}

type oaiResponse struct {
	XMLName      xml.Name     `xml:"OAI-PMH"`
	NS           string       `xml:"xmlns,attr"`
	XSI          string       `xml:"xmlns:xsi,attr"`
	Location     string       `xml:"xsi:schemaLocation,attr"`
	ResponseDate string       `xml:"responseDate"`
	Request      oaiRequest   `xml:"request"`
	Errors       []oaiError   `xml:"error"`
	Identify     *oaiIdentify `xml:"Identify"`
	Formats      *struct {
		List []oaiMetadataFormat `xml:"metadataFormat"`
	} `xml:"ListMetadataFormats"`
	GetRecord *struct {
		Record oaiRecord `xml:"record"`
	} `xml:"GetRecord"`
	Identifiers *struct {
		Headers []oaiHeader `xml:"header"`
		Token   *oaiToken   `xml:"resumptionToken"`
	} `xml:"ListIdentifiers"`
	Records *struct {
		Records []oaiRecord `xml:"record"`
		Token   *oaiToken   `xml:"resumptionToken"`
	} `xml:"ListRecords"`
}

// oaiArgs are the arguments each verb takes: required, then optional.
var oaiArgs = map[string][2][]string{
	"Identify":            {nil, nil},
	"ListMetadataFormats": {nil, {"identifier"}},
	"ListSets":            {nil, nil},
	"GetRecord":           {{"identifier", "metadataPrefix"}, nil},
	"ListIdentifiers":     {{"metadataPrefix"}, {"from", "until", "set"}},
	"ListRecords":         {{"metadataPrefix"}, {"from", "until", "set"}},
}

func (o *oaiRepo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	resp := oaiResponse{NS: oaiNS, XSI: xsiNS, Location: oaiNS + " " + oaiSchema,
		ResponseDate: o.now().UTC().Format(time.RFC3339), Request: oaiRequest{URL: o.site.URL("/oai")}}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		resp.Errors = []oaiError{{"badArgument", "the query cannot be read: it is not a valid URL query"}}
	} else {
		o.answer(&resp, q)
	}
	body, err := xml.MarshalIndent(resp, "", "  ")
	if err != nil {
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	httpx.Write(w, r, httpx.Response{
		Status:      http.StatusOK,
		ContentType: "text/xml; charset=utf-8",
		Cache:       "no-cache",
		Body:        append([]byte(xml.Header), append(body, '\n')...),
	})
}

// answer fills resp for the query q, or with the errors it makes.
func (o *oaiRepo) answer(resp *oaiResponse, q url.Values) {
	verb := q.Get("verb")
	if len(q["verb"]) != 1 {
		resp.Errors = []oaiError{{"badVerb", "give one verb: Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords or GetRecord"}}
		return
	}
	args, ok := oaiArgs[verb]
	if !ok {
		resp.Errors = []oaiError{{"badVerb", "no such verb: use Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords or GetRecord"}}
		return
	}
	token := q.Get("resumptionToken")
	errs := o.checkArgs(verb, args, q)
	if len(errs) == 0 && token == "" {
		if msg := checkRange(q.Get("from"), q.Get("until")); msg != "" {
			errs = []oaiError{{"badArgument", msg}}
		}
	}
	if len(errs) > 0 {
		resp.Errors = errs
		return
	}
	// Only a request that passed its arguments' checks is echoed with them.
	resp.Request = oaiRequest{Verb: verb, Identifier: q.Get("identifier"), MetadataPrefix: q.Get("metadataPrefix"),
		From: q.Get("from"), Until: q.Get("until"), Set: q.Get("set"), Token: token, URL: resp.Request.URL}
	switch verb {
	case "Identify":
		o.identify(resp)
	case "ListMetadataFormats":
		o.listFormats(resp, q.Get("identifier"))
	case "ListSets":
		resp.Errors = []oaiError{{"noSetHierarchy", "this archive has no sets"}}
	case "GetRecord":
		o.getRecord(resp, q.Get("identifier"), q.Get("metadataPrefix"))
	case "ListIdentifiers", "ListRecords":
		o.list(resp, verb, q, token)
	}
}

// checkArgs reports a missing, repeated or unknown argument, and a
// resumption token with any other.
func (o *oaiRepo) checkArgs(verb string, args [2][]string, q url.Values) []oaiError {
	var errs []oaiError
	bad := func(format string, a ...any) {
		errs = append(errs, oaiError{"badArgument", fmt.Sprintf(format, a...)})
	}
	for k, v := range q {
		if len(v) > 1 {
			bad("%s is given %d times", k, len(v))
		}
	}
	if q.Has("resumptionToken") {
		if verb != "ListIdentifiers" && verb != "ListRecords" {
			bad("%s takes no resumptionToken", verb)
		} else if len(q) != 2 {
			bad("a resumptionToken is given alone, with the verb")
		}
		return errs
	}
	for k := range q {
		if k != "verb" && !slices.Contains(args[0], k) && !slices.Contains(args[1], k) {
			bad("%s takes no argument %s", verb, k)
		}
	}
	for _, k := range args[0] {
		if !q.Has(k) {
			bad("%s needs the argument %s", verb, k)
		}
	}
	slices.SortFunc(errs, func(a, b oaiError) int { return strings.Compare(a.Msg, b.Msg) })
	return errs
}

func (o *oaiRepo) identify(resp *oaiResponse) {
	earliest := "2000-01-01"
	if len(o.docs) > 0 {
		earliest = o.docs[0].Date.Format(oaiDay)
	}
	resp.Identify = &oaiIdentify{o.site.Name, o.site.URL("/oai"), "2.0", o.admin, earliest, "no", "YYYY-MM-DD", "gzip"}
}

func (o *oaiRepo) listFormats(resp *oaiResponse, id string) {
	if id != "" {
		if _, ok := o.document(id); !ok {
			resp.Errors = []oaiError{{"idDoesNotExist", "no record " + id}}
			return
		}
	}
	resp.Formats = &struct {
		List []oaiMetadataFormat `xml:"metadataFormat"`
	}{List: oaiFormats}
}

func oaiFormat(prefix string) bool {
	return slices.ContainsFunc(oaiFormats, func(f oaiMetadataFormat) bool { return f.Prefix == prefix })
}

// identifier is a document's OAI identifier.
func (o *oaiRepo) identifier(d *archive.Document) string { return "oai:" + o.host + ":" + d.Slug }

func (o *oaiRepo) document(id string) (*archive.Document, bool) {
	slug, ok := strings.CutPrefix(id, "oai:"+o.host+":")
	if !ok {
		return nil, false
	}
	d, ok := o.bySlug[slug]
	return d, ok
}

func (o *oaiRepo) header(d *archive.Document) oaiHeader {
	return oaiHeader{o.identifier(d), d.Date.Format(oaiDay)}
}

func (o *oaiRepo) getRecord(resp *oaiResponse, id, prefix string) {
	var errs []oaiError
	if !oaiFormat(prefix) {
		errs = append(errs, oaiError{"cannotDisseminateFormat", "no metadata format " + prefix + ": use oai_dc or akn"})
	}
	d, ok := o.document(id)
	if !ok {
		errs = append(errs, oaiError{"idDoesNotExist", "no record " + id})
	}
	if len(errs) > 0 {
		resp.Errors = errs
		return
	}
	rec, err := o.record(d, prefix)
	if err != nil {
		resp.Errors = []oaiError{{"idDoesNotExist", "the record " + id + " cannot be made in " + prefix}}
		return
	}
	resp.GetRecord = &struct {
		Record oaiRecord `xml:"record"`
	}{rec}
}

// record is d's record in the metadata format prefix.
func (o *oaiRepo) record(d *archive.Document, prefix string) (oaiRecord, error) {
	rec := oaiRecord{Header: o.header(d)}
	if prefix == "akn" {
		akn, err := formats.AkomaNtoso(d, d.Date)
		if err != nil {
			return rec, err
		}
		if i := bytes.Index(akn, []byte("?>")); bytes.HasPrefix(akn, []byte("<?xml")) && i > 0 {
			akn = akn[i+2:]
		}
		rec.Metadata.Inner = bytes.TrimSpace(akn)
		return rec, nil
	}
	dc, err := o.dublinCore(d)
	rec.Metadata.Inner = dc
	return rec, err
}

// dublinCore is d in oai_dc: its parties (or issuer) as creators, since
// Dublin Core's creator is who made the resource, not an author's name.
func (o *oaiRepo) dublinCore(d *archive.Document) ([]byte, error) {
	type el struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	}
	type dc struct {
		XMLName  xml.Name `xml:"oai_dc:dc"`
		NS       string   `xml:"xmlns:oai_dc,attr"`
		DC       string   `xml:"xmlns:dc,attr"`
		XSI      string   `xml:"xmlns:xsi,attr"`
		Location string   `xml:"xsi:schemaLocation,attr"`
		Elements []el
	}
	out := dc{NS: oaiDCNS, DC: dcNS, XSI: xsiNS, Location: oaiDCNS + " " + oaiDCSchema}
	add := func(name, v string) {
		if v != "" {
			out.Elements = append(out.Elements, el{xml.Name{Local: "dc:" + name}, v})
		}
	}
	add("title", d.Title)
	for _, p := range formats.Authors(d) {
		add("creator", p.Name)
	}
	add("date", d.Date.Format(oaiDay))
	add("type", "Text")
	add("type", d.Kind.Name())
	add("language", d.Language)
	add("coverage", d.Place)
	add("identifier", o.site.URL(d.Path()))
	add("identifier", o.site.URL(formats.WorkURI(d)))
	add("source", d.Source)
	add("format", "text/html")
	add("description", formats.Citation{Doc: d}.Text())
	add("rights", formats.Rights(o.site.Licence))
	return xml.Marshal(out)
}

// oaiList is what a list request asks for, read from its arguments or
// its resumption token.
type oaiList struct {
	prefix, from, until string
	offset              int
}

func (o *oaiRepo) list(resp *oaiResponse, verb string, q url.Values, token string) {
	var l oaiList
	if token != "" {
		var ok bool
		if l, ok = o.readToken(token); !ok {
			resp.Errors = []oaiError{{"badResumptionToken", "the resumption token is not this archive's, or the archive has changed since: start the list again"}}
			return
		}
	} else {
		l = oaiList{prefix: q.Get("metadataPrefix"), from: q.Get("from"), until: q.Get("until")}
		var errs []oaiError
		if q.Has("set") {
			errs = append(errs, oaiError{"noSetHierarchy", "this archive has no sets"})
		}
		if !oaiFormat(l.prefix) {
			errs = append(errs, oaiError{"cannotDisseminateFormat", "no metadata format " + l.prefix + ": use oai_dc or akn"})
		}
		if len(errs) > 0 {
			resp.Errors = errs
			return
		}
	}
	// The documents in the range: o.docs is by date, so they are one run.
	lo, hi := 0, len(o.docs)
	if l.from != "" {
		lo, _ = slices.BinarySearchFunc(o.docs, l.from, func(d *archive.Document, day string) int {
			return strings.Compare(d.Date.Format(oaiDay), day)
		})
	}
	if l.until != "" {
		hi, _ = slices.BinarySearchFunc(o.docs, l.until, func(d *archive.Document, day string) int {
			return cmp.Or(strings.Compare(d.Date.Format(oaiDay), day), -1) // after every document of that day
		})
	}
	match := o.docs[lo:max(lo, hi)]
	if len(match) == 0 {
		resp.Errors = []oaiError{{"noRecordsMatch", "no record in that range"}}
		return
	}
	if l.offset >= len(match) {
		resp.Errors = []oaiError{{"badResumptionToken", "the resumption token is past the list's end"}}
		return
	}
	page := match[l.offset:min(len(match), l.offset+oaiPageRecords)]
	var next *oaiToken
	if token != "" || len(page) < len(match) {
		next = &oaiToken{Size: len(match), Cursor: l.offset}
		if end := l.offset + len(page); end < len(match) {
			l.offset = end
			next.Token = o.writeToken(l)
		}
	}
	if verb == "ListIdentifiers" {
		resp.Identifiers = &struct {
			Headers []oaiHeader `xml:"header"`
			Token   *oaiToken   `xml:"resumptionToken"`
		}{Token: next}
		for _, d := range page {
			resp.Identifiers.Headers = append(resp.Identifiers.Headers, o.header(d))
		}
		return
	}
	resp.Records = &struct {
		Records []oaiRecord `xml:"record"`
		Token   *oaiToken   `xml:"resumptionToken"`
	}{Token: next}
	for _, d := range page {
		rec, err := o.record(d, l.prefix)
		if err != nil {
			continue // a document the format cannot hold is left out, as its GetRecord says
		}
		resp.Records.Records = append(resp.Records.Records, rec)
	}
}

// checkRange checks from and until: days (the repository's granularity),
// from not after until. It returns what is wrong, or "".
func checkRange(from, until string) string {
	for _, v := range []string{from, until} {
		if v == "" {
			continue
		}
		if _, err := time.Parse(oaiDay, v); err != nil {
			if _, err := time.Parse("2006-01-02T15:04:05Z", v); err == nil {
				return "this archive's datestamps are days: give from and until as YYYY-MM-DD"
			}
			return "from and until are dates, YYYY-MM-DD: " + strconv.Quote(v) + " is not one"
		}
	}
	if from != "" && until != "" && from > until {
		return "from is after until"
	}
	return ""
}

// A resumption token is the list's arguments, where it stopped and the
// archive's version, so that a token outlives no reload of other content.
func (o *oaiRepo) writeToken(l oaiList) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join([]string{"1", l.prefix, l.from, l.until, strconv.Itoa(l.offset), o.gen}, "|")))
}

func (o *oaiRepo) readToken(s string) (oaiList, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return oaiList{}, false
	}
	f := strings.Split(string(raw), "|")
	if len(f) != 6 || f[0] != "1" || f[5] != o.gen || !oaiFormat(f[1]) || checkRange(f[2], f[3]) != "" {
		return oaiList{}, false
	}
	off, err := strconv.Atoi(f[4])
	if err != nil || off <= 0 {
		return oaiList{}, false
	}
	return oaiList{prefix: f[1], from: f[2], until: f[3], offset: off}, true
}
