package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"sitrep"
)

// HashBytes returns the content address of b: "sha256:<hex>".
func HashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ValidHash reports whether h is a well-formed content address.
func ValidHash(h string) bool {
	hx, ok := strings.CutPrefix(h, "sha256:")
	if !ok || len(hx) != 64 {
		return false
	}
	for _, c := range hx {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Key joins a document id and an event or claim id into a stable key.
func Key(docID, id string) string { return docID + "#" + id }

// SplitKey splits a key made by Key.
func SplitKey(key string) (docID, id string, err error) {
	i := strings.LastIndexByte(key, '#')
	if i <= 0 || i == len(key)-1 {
		return "", "", fmt.Errorf("key %q is not <docID>#<id>: %w", key, ErrInvalid)
	}
	return key[:i], key[i+1:], nil
}

// CanonicalResult is the byte form of a result that its ResultHash covers.
// encoding/json writes struct fields in declaration order, so the same
// Result always gives the same bytes.
func CanonicalResult(r sitrep.Result) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return b, nil
}

// Timestamp normalises a time for storage: UTC, microseconds, no monotonic
// reading, so that it survives a round trip through any backend unchanged.
func Timestamp(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// Record kinds of the custody log.
const (
	RecordOriginal = "original" // an original was captured
	RecordDocument = "document" // a document's text was stored or changed
	RecordDerived  = "derived"  // extraction results were stored or replaced
	RecordLink     = "link"     // a near-duplicate link was stored
	RecordEdit     = "edit"     // an analyst edit was made
	RecordDecision = "decision" // a user merged or split incidents
)

// Record is one entry of the custody log. Exactly one of the pointer
// fields is set, matching Kind. The log stores Encode's bytes; custody
// compares them with the record rebuilt from the current rows, so any
// difference between what was logged and what is stored shows.
type Record struct {
	Kind     string          `json:"kind"`
	Original *OriginalRecord `json:"original,omitempty"`
	Document *DocumentRecord `json:"document,omitempty"`
	Derived  *DerivedRecord  `json:"derived,omitempty"`
	Link     *LinkRecord     `json:"link,omitempty"`
	Edit     *EditRecord     `json:"edit,omitempty"`
	Decision *DecisionRecord `json:"decision,omitempty"`
}

// OriginalRecord is the logged form of an Original.
type OriginalRecord struct {
	Hash        string    `json:"hash"`
	Size        int64     `json:"size"`
	Source      string    `json:"source,omitempty"`
	URL         string    `json:"url,omitempty"`
	CapturedAt  time.Time `json:"captured_at"`
	Outlet      string    `json:"outlet,omitempty"`
	Published   string    `json:"published,omitempty"`
	Title       string    `json:"title,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
}

// DocumentRecord is the logged form of a Document: the text by its hash.
type DocumentRecord struct {
	ID        string `json:"id"`
	TextHash  string `json:"text_hash"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	Language  string `json:"language,omitempty"`
	// StoredAt is shown with the document; records written before it was
	// logged lack it (see Legacy).
	StoredAt *time.Time `json:"stored_at,omitempty"`
}

// DerivedRecord is the logged form of a Derived: the result by its hash.
type DerivedRecord struct {
	DocID            string `json:"doc_id"`
	ExtractorVersion string `json:"extractor_version"`
	ResultHash       string `json:"result_hash"`
	Events           int    `json:"events"`
	Claims           int    `json:"claims"`
}

// LinkRecord is the logged form of a Link.
type LinkRecord struct {
	DocID      string    `json:"doc_id"`
	CopyOf     string    `json:"copy_of"`
	Similarity float64   `json:"similarity"`
	Method     string    `json:"method,omitempty"`
	At         time.Time `json:"at"`
}

// EditRecord is the logged form of an Edit.
type EditRecord struct {
	ID       int64     `json:"id"`
	EventKey string    `json:"event_key"`
	Status   string    `json:"status"`
	Field    string    `json:"field,omitempty"`
	Value    string    `json:"value,omitempty"`
	Who      string    `json:"who"`
	At       time.Time `json:"at"`
	Note     string    `json:"note,omitempty"`
}

// DecisionRecord is the logged form of a Decision: all of it but the
// log index, so that the stored row can be checked against it.
type DecisionRecord struct {
	ID    int64     `json:"id"`
	Kind  string    `json:"kind"`
	Keys  []string  `json:"keys"`
	Apart []string  `json:"apart,omitempty"`
	Who   string    `json:"who"`
	At    time.Time `json:"at"`
	Note  string    `json:"note,omitempty"`
}

// OriginalRec, DocumentRec, DerivedRec, LinkRec, EditRec and DecisionRec build the log
// record of a stored row.
func OriginalRec(o Original) Record {
	return Record{Kind: RecordOriginal, Original: &OriginalRecord{
		Hash: o.Hash, Size: o.Size, Source: o.Source, URL: o.URL, CapturedAt: o.CapturedAt,
		Outlet: o.Outlet, Published: o.Published, Title: o.Title, ContentType: o.ContentType}}
}

func DocumentRec(d Document) Record {
	at := d.StoredAt
	return Record{Kind: RecordDocument, Document: &DocumentRecord{
		ID: d.ID, TextHash: d.TextHash, Title: d.Title, Outlet: d.Outlet,
		Published: d.Published, URL: d.URL, Language: d.Language, StoredAt: &at}}
}

// Legacy returns the form r would have had in a log written before the
// record's later fields existed, and whether it differs from r: a row
// whose record is in the older form is checked against it.
func (r Record) Legacy() (Record, bool) {
	if r.Document != nil && r.Document.StoredAt != nil {
		d := *r.Document
		d.StoredAt = nil
		r.Document = &d
		return r, true
	}
	return r, false
}

func DerivedRec(d Derived) Record {
	return Record{Kind: RecordDerived, Derived: &DerivedRecord{
		DocID: d.DocID, ExtractorVersion: d.ExtractorVersion, ResultHash: d.ResultHash,
		Events: len(d.Result.Events), Claims: len(d.Result.Claims)}}
}

func LinkRec(l Link) Record {
	return Record{Kind: RecordLink, Link: &LinkRecord{
		DocID: l.DocID, CopyOf: l.CopyOf, Similarity: l.Similarity, Method: l.Method, At: l.At}}
}

func EditRec(e Edit) Record {
	return Record{Kind: RecordEdit, Edit: &EditRecord{
		ID: e.ID, EventKey: e.EventKey, Status: e.Status, Field: e.Field, Value: e.Value,
		Who: e.Who, At: e.At, Note: e.Note}}
}

func DecisionRec(d Decision) Record {
	return Record{Kind: RecordDecision, Decision: &DecisionRecord{
		ID: d.ID, Kind: d.Kind, Keys: d.Keys, Apart: d.Apart, Who: d.Who, At: d.At, Note: d.Note}}
}

// Encode returns the record's log bytes: compact JSON plus a newline, so
// that a log dumped record by record is JSON Lines.
func (r Record) Encode() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		// Every field is a plain value; failure is a programming error.
		panic(fmt.Sprintf("store: encode record: %v", err))
	}
	return buf.Bytes()
}

// DecodeRecord parses log bytes made by Encode.
func DecodeRecord(data []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("decode custody record: %w", err)
	}
	return r, nil
}

// Subject names what a record is about, for messages: the original's hash,
// the document id, "<doc> -> <copy>", the edit's event key or the
// decision's kind and id.
func (r Record) Subject() string {
	switch {
	case r.Original != nil:
		return r.Original.Hash
	case r.Document != nil:
		return r.Document.ID
	case r.Derived != nil:
		return r.Derived.DocID
	case r.Link != nil:
		return r.Link.DocID + " -> " + r.Link.CopyOf
	case r.Edit != nil:
		return fmt.Sprintf("edit %d of %s", r.Edit.ID, r.Edit.EventKey)
	case r.Decision != nil:
		return fmt.Sprintf("%s %d", r.Decision.Kind, r.Decision.ID)
	}
	return "?"
}

// PrepareOriginal checks and completes an original before it is stored.
func PrepareOriginal(o Original, raw []byte, now time.Time) (Original, error) {
	h := HashBytes(raw)
	if o.Hash != "" && o.Hash != h {
		return o, fmt.Errorf("original %s: bytes hash to %s: %w", o.Hash, h, ErrInvalid)
	}
	o.Hash, o.Size = h, int64(len(raw))
	if o.CapturedAt.IsZero() {
		o.CapturedAt = now
	}
	o.CapturedAt = Timestamp(o.CapturedAt)
	if o.Published != "" && !ValidDate(o.Published) {
		return o, fmt.Errorf("original %s: published %q is not YYYY-MM-DD: %w", h, o.Published, ErrInvalid)
	}
	o.LogIndex = 0
	return o, nil
}

// PrepareDocument checks and completes a document before it is stored.
func PrepareDocument(d Document, now time.Time) (Document, error) {
	if !ValidHash(d.ID) {
		return d, fmt.Errorf("document id %q is not sha256:<hex>: %w", d.ID, ErrInvalid)
	}
	if d.Published != "" && !ValidDate(d.Published) {
		return d, fmt.Errorf("document %s: published %q is not YYYY-MM-DD: %w", d.ID, d.Published, ErrInvalid)
	}
	d.TextHash = HashBytes([]byte(d.Text))
	if d.StoredAt.IsZero() {
		d.StoredAt = now
	}
	d.StoredAt = Timestamp(d.StoredAt)
	return d, nil
}

// SameDocument reports whether storing b over a changes nothing recorded.
func SameDocument(a, b Document) bool {
	return a.ID == b.ID && a.TextHash == b.TextHash && a.Title == b.Title && a.Outlet == b.Outlet &&
		a.Published == b.Published && a.URL == b.URL && a.Language == b.Language
}

// PrepareDerived checks a result and computes its hash.
func PrepareDerived(docID string, r sitrep.Result, version string, now time.Time) (Derived, []byte, error) {
	d := Derived{DocID: docID, ExtractorVersion: version, Result: r, StoredAt: Timestamp(now)}
	seen := map[string]bool{}
	for _, e := range r.Events {
		if e.ID == "" || strings.ContainsRune(e.ID, '#') {
			return d, nil, fmt.Errorf("document %s: event id %q must be non-empty and without '#': %w", docID, e.ID, ErrInvalid)
		}
		if seen["e"+e.ID] {
			return d, nil, fmt.Errorf("document %s: duplicate event id %q: %w", docID, e.ID, ErrInvalid)
		}
		seen["e"+e.ID] = true
	}
	for _, c := range r.Claims {
		if c.ID == "" || strings.ContainsRune(c.ID, '#') {
			return d, nil, fmt.Errorf("document %s: claim id %q must be non-empty and without '#': %w", docID, c.ID, ErrInvalid)
		}
		if seen["c"+c.ID] {
			return d, nil, fmt.Errorf("document %s: duplicate claim id %q: %w", docID, c.ID, ErrInvalid)
		}
		seen["c"+c.ID] = true
	}
	b, err := CanonicalResult(r)
	if err != nil {
		return d, nil, err
	}
	d.ResultHash = HashBytes(b)
	return d, b, nil
}

// PrepareLink checks a link before it is stored.
func PrepareLink(l Link, now time.Time) (Link, error) {
	if !ValidHash(l.DocID) || !ValidHash(l.CopyOf) || l.DocID == l.CopyOf {
		return l, fmt.Errorf("link %q -> %q: need two different document ids: %w", l.DocID, l.CopyOf, ErrInvalid)
	}
	if l.Similarity < 0 || l.Similarity > 1 {
		return l, fmt.Errorf("link %s -> %s: similarity %v outside 0..1: %w", l.DocID, l.CopyOf, l.Similarity, ErrInvalid)
	}
	if l.At.IsZero() {
		l.At = now
	}
	l.At = Timestamp(l.At)
	return l, nil
}

// ValidDate reports whether s is an ISO calendar date YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ActorKey is the id under which an actor reference is indexed: its id, or
// for a reference without one, its lower-cased name.
func ActorKey(ref sitrep.ActorRef) string {
	if ref.ID != "" {
		return ref.ID
	}
	return "name:" + strings.ToLower(strings.TrimSpace(ref.Name))
}

// EventActors lists an event's actor references with their roles.
func EventActors(e sitrep.Event) []RoleRef {
	var out []RoleRef
	for _, r := range e.Perpetrators {
		out = append(out, RoleRef{RolePerpetrator, r})
	}
	for _, r := range e.Targets {
		out = append(out, RoleRef{RoleTarget, r})
	}
	for _, r := range e.ClaimedBy {
		out = append(out, RoleRef{RoleClaimant, r})
	}
	if e.ReportedBy != nil {
		out = append(out, RoleRef{RoleReporter, *e.ReportedBy})
	}
	return out
}

// Roles of an actor in an event.
const (
	RolePerpetrator = 1
	RoleTarget      = 2
	RoleClaimant    = 3
	RoleReporter    = 4
)

// RoleRef is an actor reference with its role in an event.
type RoleRef struct {
	Role int
	Ref  sitrep.ActorRef
}

// EventDataSearchText is the text the full-text index holds for an
// event stored as JSON (its evidence, EvidenceText); false when the data
// does not decode.
func EventDataSearchText(data []byte) (string, bool) {
	var e sitrep.Event
	if json.Unmarshal(data, &e) != nil {
		return "", false
	}
	return EvidenceText(e.Evidence), true
}

// ClaimDataSearchText is the text the full-text index holds for a claim
// stored as JSON; false when the data does not decode.
func ClaimDataSearchText(data []byte) (string, bool) {
	var c sitrep.Claim
	if json.Unmarshal(data, &c) != nil {
		return "", false
	}
	return SearchText(c.Text), true
}

// EvidenceText joins the evidence sentences of spans for indexing, as
// SearchText reads them.
func EvidenceText(spans []sitrep.Span) string {
	var b strings.Builder
	for i, s := range spans {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return SearchText(b.String())
}
