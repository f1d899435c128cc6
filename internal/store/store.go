// Package store defines where sitrep keeps what it has read and what it has
// found: the originals byte for byte, the documents' text, the records
// derived from them, near-duplicate links, analyst edits, and the custody
// log that makes all of it tamper-evident. Store is the domain interface;
// the sqlite and memory packages implement it, and storetest is the suite
// both must pass.
//
// Identity: an original is addressed by "sha256:<hex>" of its raw bytes. A
// document is the text read from exactly one original and shares its id.
// An event or claim is addressed by a stable key "<docID>#<eventID>", which
// is what analyst edits refer to, so edits outlive re-extraction as long as
// the extractor gives the incident the same id again.
//
// Every change is appended, in the same transaction as the rows it
// describes, to an append-only Merkle log (golang.org/x/mod/sumdb/tlog):
// the internal/custody package verifies and signs that log.
package store

import (
	"context"
	"errors"
	"io"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/ingest"
)

// Errors callers can test for with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid argument")
	ErrReadOnly = errors.New("store is read-only")
	ErrClosed   = errors.New("store is closed")
	// ErrFull reports that the disk or the database's size limit is full;
	// the write that met it changed nothing.
	ErrFull = errors.New("storage is full")
)

// Original is one captured input, kept byte for byte.
type Original struct {
	Hash        string    `json:"hash"`             // "sha256:<hex>" of the bytes; set by the store
	Size        int64     `json:"size"`             // set by the store
	Source      string    `json:"source,omitempty"` // path or URL it was read from
	URL         string    `json:"url,omitempty"`    // canonical URL when known
	CapturedAt  time.Time `json:"captured_at"`      // when sitrep read it (UTC)
	Outlet      string    `json:"outlet,omitempty"`
	Published   string    `json:"published,omitempty"` // YYYY-MM-DD
	Title       string    `json:"title,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
	LogIndex    int64     `json:"log_index"` // custody record that registered it
}

// Document is the text read from one original, with what is known about it.
// Its ID is the original's hash.
type Document struct {
	ID        string    `json:"id"`        // = Original.Hash
	TextHash  string    `json:"text_hash"` // "sha256:<hex>" of Text; set by the store
	Text      string    `json:"text"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published string    `json:"published,omitempty"`
	URL       string    `json:"url,omitempty"`
	Language  string    `json:"language,omitempty"`
	StoredAt  time.Time `json:"stored_at"` // set by the store
	LogIndex  int64     `json:"log_index"`
}

// Derived is the extraction result stored for a document.
type Derived struct {
	DocID            string        `json:"doc_id"`
	ExtractorVersion string        `json:"extractor_version"`
	Result           sitrep.Result `json:"result"`      // as extracted, before analyst edits
	ResultHash       string        `json:"result_hash"` // "sha256:<hex>" of CanonicalResult(Result)
	StoredAt         time.Time     `json:"stored_at"`
	LogIndex         int64         `json:"log_index"`
}

// Link records that document DocID is a copy (syndicated, reprinted,
// lightly edited) of document CopyOf.
type Link struct {
	DocID      string    `json:"doc_id"`
	CopyOf     string    `json:"copy_of"`
	Similarity float64   `json:"similarity"`       // 0..1
	Method     string    `json:"method,omitempty"` // e.g. "exact", "minhash"
	At         time.Time `json:"at"`
	LogIndex   int64     `json:"log_index"`
}

// Edit statuses.
const (
	EditConfirm = "confirm" // the analyst checked the event against its sources
	EditReject  = "reject"  // the analyst judges it not an event; hidden by default
	EditValue   = "edit"    // the analyst sets Field to Value
)

// Review states of an event, the result of its confirm/reject edits.
const (
	ReviewNone      = ""
	ReviewConfirmed = "confirmed"
	ReviewRejected  = "rejected"
)

// Editable fields of an event, and the form of Value for each.
const (
	FieldType     = "type"     // a taxonomy value, e.g. "bombing"
	FieldModality = "modality" // asserted|alleged|claimed|planned|denied
	FieldSuicide  = "suicide"  // true|false
	FieldDate     = "date"     // YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD
	FieldPlace    = "place"    // place name; clears coordinates unless also edited
	FieldAdmin1   = "admin1"
	FieldCountry  = "country"  // ISO 3166-1 alpha-2
	FieldLocation = "location" // "lat,lon" in decimal degrees
	FieldKilled   = "killed"   // N or LOW-HIGH
	FieldInjured  = "injured"  // N or LOW-HIGH
)

// EditFields lists the editable fields in a stable order.
var EditFields = []string{FieldType, FieldModality, FieldSuicide, FieldDate, FieldPlace, FieldAdmin1, FieldCountry, FieldLocation, FieldKilled, FieldInjured}

// Edit is one analyst decision about one event. Edits are never replaced:
// later edits of the same field win, and all of them stay in the record.
type Edit struct {
	ID       int64     `json:"id"`        // set by the store
	EventKey string    `json:"event_key"` // "<docID>#<eventID>"
	Status   string    `json:"status"`    // confirm|reject|edit
	Field    string    `json:"field,omitempty"`
	Value    string    `json:"value,omitempty"`
	Who      string    `json:"who"`
	At       time.Time `json:"at"` // zero means now
	Note     string    `json:"note,omitempty"`
	LogIndex int64     `json:"log_index"`
}

// Decision kinds.
const (
	DecisionMerge = "merge" // the events in Keys belong to one incident
	DecisionSplit = "split" // the event in Keys is not the incident of the events in Apart
)

// Decision is a user's override of incident consolidation, keyed by event
// keys so that it outlives re-extraction as edits do. Decisions are never
// replaced or deleted: consolidation replays them oldest first.
type Decision struct {
	ID       int64     `json:"id"`              // set by the store
	Kind     string    `json:"kind"`            // "merge" or "split"
	Keys     []string  `json:"keys"`            // merge: events that belong together; split: the event split off
	Apart    []string  `json:"apart,omitempty"` // split: events it must not rejoin
	Who      string    `json:"who"`
	At       time.Time `json:"at"` // zero means now
	Note     string    `json:"note,omitempty"`
	LogIndex int64     `json:"log_index"`
}

// EditFilter selects edits; empty fields match everything.
type EditFilter struct {
	EventKey string
	DocID    string
	Who      string
}

// Event is one stored event with its edits applied, and where it came from.
type Event struct {
	Key       string       `json:"key"` // "<docID>#<eventID>"
	DocID     string       `json:"doc_id"`
	Event     sitrep.Event `json:"event"` // effective values: extraction plus edits
	Review    string       `json:"review,omitempty"`
	Edited    bool         `json:"edited,omitempty"` // some field differs from the extraction
	Outlet    string       `json:"outlet,omitempty"`
	Title     string       `json:"title,omitempty"`
	Published string       `json:"published,omitempty"`
	URL       string       `json:"url,omitempty"`
	// Version changes whenever anything shown of the event changes
	// (EventVersion): a change made on what was shown sends it back.
	Version string `json:"version"`
}

// Order of event lists.
const (
	NewestFirst = "" // by start date descending, undated last
	OldestFirst = "asc"
)

// EventFilter selects events. Empty fields match everything; several
// fields must all hold.
type EventFilter struct {
	Type  string // taxonomy value
	Since string // YYYY-MM-DD: the event's date range ends on or after it
	Until string // YYYY-MM-DD: the event's date range starts on or before it
	// Place matches the place name, admin1 or country code, ignoring case.
	Place string
	// Near keeps events whose coordinates lie within Near.KM of Near.Lat/Lon.
	Near *Near
	// Actor matches an actor id exactly or a substring of an actor's name
	// or the name the text used, as perpetrator, target or claimant.
	Actor string
	// Text is a full-text query over the events' evidence sentences: words
	// must all occur; "quoted phrases" and prefix* are supported.
	Text  string
	DocID string
	// Language keeps events of documents in that language (ISO 639-1).
	Language string
	// IncludeRejected also returns events an analyst rejected.
	IncludeRejected bool
	Order           string
	Limit           int // 0 means DefaultLimit; ScanEvents: 0 means all
	Offset          int
}

// Near is a search circle.
type Near struct {
	Lat, Lon, KM float64
}

// DefaultLimit is the page size when a filter gives none.
const DefaultLimit = 100

// Claim is one stored claim and where it came from.
type Claim struct {
	Key       string       `json:"key"` // "<docID>#<claimID>"
	DocID     string       `json:"doc_id"`
	Claim     sitrep.Claim `json:"claim"`
	Outlet    string       `json:"outlet,omitempty"`
	Title     string       `json:"title,omitempty"`
	Published string       `json:"published,omitempty"`
}

// ClaimFilter selects claims; empty fields match everything.
type ClaimFilter struct {
	Speaker  string // actor id, or substring of the speaker's name
	Relation string // relation type
	Actor    string // actor id or name substring as speaker, subject or object
	Text     string // full-text query over the claim text
	DocID    string
	Language string // language of the claim's document (ISO 639-1)
	Since    string // document publication date bounds
	Until    string
	Limit    int
	Offset   int
}

// Actor is an actor over all documents that mention it.
type Actor struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type,omitempty"`
	Country   string   `json:"country,omitempty"`
	Aliases   []string `json:"aliases"` // names the texts used, sorted
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
	Events    int      `json:"events"`
	// FirstSeen and LastSeen are the earliest and latest publication
	// dates of its documents, filled when the filter names one actor (ID).
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// ActorFilter selects actors; results are ordered by mentions descending.
type ActorFilter struct {
	ID     string
	IDs    []string // any of these ids
	Name   string   // substring of name or alias, ignoring case
	Type   string
	Limit  int
	Offset int
}

// Hit is one document found by Search.
type Hit struct {
	DocID     string  `json:"doc_id"`
	Title     string  `json:"title,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Published string  `json:"published,omitempty"`
	Score     float64 `json:"score"`   // higher is better
	Snippet   string  `json:"snippet"` // matches marked [like this]
}

// Dossier is everything known about one event.
type Dossier struct {
	Event   Event    `json:"event"`
	Sources []Source `json:"sources"` // the reporting document first, then its copies
	Claims  []Claim  `json:"claims"`  // claims made in the reporting document
	Edits   []Edit   `json:"edits"`
}

// Source is one document behind an event and what it says about it.
type Source struct {
	Document   Document      `json:"document"` // Text left empty
	Original   Original      `json:"original"`
	Role       string        `json:"role"` // "report" or "copy"
	Similarity float64       `json:"similarity,omitempty"`
	Killed     *sitrep.Count `json:"killed"`
	Injured    *sitrep.Count `json:"injured"`
	Evidence   []sitrep.Span `json:"evidence"`
}

// Item is one unit of ingest for PutBatch: an original, optionally the
// document read from it and the result extracted from that.
type Item struct {
	Original         Original
	Raw              []byte
	Document         *Document      // ID may be empty: it is the original's hash
	Result           *sitrep.Result // requires Document
	ExtractorVersion string
	// Created is set by PutBatch: whether the item's document (for an
	// item without one, its original) was new to the store. Two ingests
	// of one file racing each other both find it absent before they
	// write; only the store can say which of them stored it.
	Created bool
	// Signature is the near-copy signature of the document's text
	// (ingest.Sign): with it, PutBatch finds whether a new document is a
	// near copy of one stored before, links it (a Link with method
	// "minhash") and keeps it out of the incidents.
	Signature ingest.Signature
	// CopyOf is set by PutBatch: the document a new document is a near
	// copy of, with the estimated similarity.
	CopyOf     string
	Similarity float64
}

// Stats counts what a store holds.
type Stats struct {
	Originals  int64 `json:"originals"`
	Documents  int64 `json:"documents"`
	Events     int64 `json:"events"`
	Claims     int64 `json:"claims"`
	Actors     int64 `json:"actors"`
	Links      int64 `json:"links"`
	Edits      int64 `json:"edits"`
	Decisions  int64 `json:"decisions"`
	LogRecords int64 `json:"log_records"`
}

// IndexProblem is a structure a backend keeps besides the rows its read
// methods return (a filter column, a full-text index, a join table, a
// counter) that disagrees with the rows it is derived from.
type IndexProblem struct {
	Table    string // where: "events", "events_fts", "event_actors", …
	Row      string // what about: an event or claim key, an actor id, a document id
	What     string // which check failed
	Expected string
	Found    string
}

// ResultStore is implemented by stores that keep every extraction result
// they stored, current or replaced since (Views has the same method):
// what accumulates over every result ever stored, as the names an actor
// was given, can then be recomputed from the log by verify.
type ResultStore interface {
	// Result returns the result stored for a document with this hash;
	// ErrNotFound when it is not kept.
	Result(ctx context.Context, docID, resultHash string) (sitrep.Result, error)
}

// IndexVerifier is implemented by backends that keep such structures.
// custody.Verify checks the rows the read methods return against the
// custody log; VerifyIndexes checks everything derived from those rows
// against them, calling report for each disagreement, so that together
// they cover all that a list, a filter or a search can show.
type IndexVerifier interface {
	VerifyIndexes(ctx context.Context, report func(IndexProblem)) error
}

// Store is sitrep's storage. Implementations are safe for concurrent use.
// Every write either happens entirely, with its custody record and the
// changes of the views it makes, or not at all.
type Store interface {
	// PutOriginal keeps raw and registers its metadata; storing the same
	// bytes again returns the existing original unchanged.
	PutOriginal(ctx context.Context, o Original, raw []byte) (Original, error)
	// PutDocument stores the text read from the original doc.ID. Storing
	// it again with the same content is a no-op.
	PutDocument(ctx context.Context, doc Document) (Document, error)
	// ReplaceDerived replaces, wholesale, what was extracted from docID;
	// analyst edits of events that still exist are applied again.
	ReplaceDerived(ctx context.Context, docID string, r sitrep.Result, extractorVersion string) error
	// PutBatch stores many items in one transaction: the fast ingest path.
	// It fills in each item's Created, CopyOf and Similarity.
	PutBatch(ctx context.Context, items []Item) error
	PutLink(ctx context.Context, l Link) error
	AddEdit(ctx context.Context, e Edit) (Edit, error)
	// PutDecision stores a merge or split decision with its custody
	// record. The events it names need not exist (any more): decisions
	// are about keys, and outlive the extractions that made them.
	PutDecision(ctx context.Context, d Decision) (Decision, error)

	Original(ctx context.Context, hash string) (Original, error)
	// Originals reads the metadata of many originals in one go (a page
	// of incidents names hundreds of documents); unknown hashes are
	// absent from the map.
	Originals(ctx context.Context, hashes []string) (map[string]Original, error)
	OpenOriginal(ctx context.Context, hash string) (io.ReadCloser, error)
	Document(ctx context.Context, id string) (Document, error)
	Derived(ctx context.Context, docID string) (Derived, error)
	Links(ctx context.Context, docID string) ([]Link, error) // both directions
	Edits(ctx context.Context, f EditFilter) ([]Edit, error) // oldest first
	Decisions(ctx context.Context) ([]Decision, error)       // oldest first

	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// ScanEvents calls fn for every matching event in order, without
	// holding them all in memory; Limit 0 means no limit.
	ScanEvents(ctx context.Context, f EventFilter, fn func(Event) error) error
	Event(ctx context.Context, key string) (Dossier, error)
	Claims(ctx context.Context, f ClaimFilter) ([]Claim, error)
	ScanClaims(ctx context.Context, f ClaimFilter, fn func(Claim) error) error
	Actors(ctx context.Context, f ActorFilter) ([]Actor, error)
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	// SearchPage is Search from offset, with the number of documents
	// matching in all.
	SearchPage(ctx context.Context, query string, limit, offset int) ([]Hit, int, error)

	// Scans for verification and export, in log order.
	ScanOriginals(ctx context.Context, fn func(Original) error) error
	ScanDocuments(ctx context.Context, fn func(Document) error) error
	ScanDerived(ctx context.Context, fn func(Derived) error) error

	// The custody log: records in order, and the tlog hashes stored for them.
	LogSize(ctx context.Context) (int64, error)
	LogRecords(ctx context.Context, start int64, fn func(index int64, data []byte) error) error
	ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)

	Stats(ctx context.Context) (Stats, error)
	Close() error
}
