// Package custody keeps sitrep's chain of custody verifiable.
//
// The store appends a record (store.Record) to an append-only Merkle log
// (golang.org/x/mod/sumdb/tlog, the transparency log of Go's checksum
// database) for every original captured and every later change to what was
// derived from it: document text, extraction results, near-duplicate links
// and analyst edits. The log lives in the store, written in the same
// transaction as the rows it describes, so the two cannot drift apart
// through a crash.
//
// Verify recomputes everything the log commits to: each record's hash and
// the tree over them, each original's SHA-256 from its bytes, each
// document's text hash, each stored extraction result's hash, and checks
// that every row is exactly what its latest record says. The views users
// read (incidents, their reports, redirects, framing counts) are not
// logged: Verify recomputes them from the logged results, links, edits and
// decisions (package views) and compares them row by row. Checkpoint signs
// the current tree head (size and root hash) in the note format with an
// ed25519 key kept beside the store; someone who keeps a checkpoint
// elsewhere can later prove with VerifyCheckpoint that the log has only
// grown since, never been rewritten.
package custody

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep/internal/store"
	"sitrep/internal/views"
)

// Key files in the data directory. The private key is readable by its
// owner only.
const (
	PrivateKeyFile = "custody.key"
	PublicKeyFile  = "custody.pub"
	KeyName        = "sitrep-custody"
	checkpointHead = "sitrep custody log"
)

// Errors callers can test for with errors.Is.
var (
	ErrMismatch     = errors.New("custody mismatch")
	ErrInconsistent = errors.New("checkpoint is not a prefix of the current log")
	ErrBadSignature = errors.New("checkpoint signature does not verify")
)

// Log verifies and signs the custody log of one store.
type Log struct {
	st  store.Store
	dir string // where the key files live
}

// New returns the custody log of st, keeping its signing key in dir (the
// store's data directory).
func New(st store.Store, dir string) *Log { return &Log{st: st, dir: dir} }

// Tree is a tree head: how many records, and the Merkle root over them.
type Tree struct {
	Size int64     `json:"size"`
	Hash tlog.Hash `json:"hash"`
}

func (t Tree) String() string { return fmt.Sprintf("%d records, root %s", t.Size, t.Hash) }

func (l *Log) hashReader(ctx context.Context) tlog.HashReader {
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return l.st.ReadHashes(ctx, idx) })
}

// Head returns the current tree head from the stored hashes.
func (l *Log) Head(ctx context.Context) (Tree, error) {
	n, err := l.st.LogSize(ctx)
	if err != nil {
		return Tree{}, fmt.Errorf("custody: head: %w", err)
	}
	h, err := tlog.TreeHash(n, l.hashReader(ctx))
	if err != nil {
		return Tree{}, fmt.Errorf("custody: head: %w", err)
	}
	return Tree{n, h}, nil
}

// Mismatch is the first disagreement Verify found: between a record and
// its stored hash, between a row and its record, or between a hash and the
// bytes it should cover.
type Mismatch struct {
	Index    int64  // log record index; -1 when the tree as a whole differs
	Kind     string // record kind: original, document, derived, link, edit, decision
	Subject  string // what it is about: a hash, a document id, an event key
	What     string // which check failed
	Expected string
	Found    string
}

func (m *Mismatch) Error() string {
	where := "tree"
	switch {
	case m.Index >= 0:
		where = fmt.Sprintf("record %d (%s %s)", m.Index, m.Kind, m.Subject)
	case m.Kind == "view":
		where = "view row " + m.Subject
	}
	return fmt.Sprintf("custody mismatch at %s: %s: expected %s, found %s", where, m.What, m.Expected, m.Found)
}

func (m *Mismatch) Unwrap() error { return ErrMismatch }

// Report sums up a verification.
type Report struct {
	Tree      Tree  `json:"tree"`
	Originals int64 `json:"originals"`
	Documents int64 `json:"documents"`
	Derived   int64 `json:"derived"`
	Links     int64 `json:"links"`
	Edits     int64 `json:"edits"`
	Decisions int64 `json:"decisions"`
	Bytes     int64 `json:"bytes"` // original bytes hashed
	// Incidents, Redirects and Framing count the view rows compared with
	// those recomputed from the log.
	Incidents int64       `json:"incidents"`
	Redirects int64       `json:"redirects"`
	Framing   int64       `json:"framing"`
	Edges     int64       `json:"edges"`
	Problems  []*Mismatch `json:"problems,omitempty"`
}

// maxProblems bounds the report: after a few the cause is clear.
const maxProblems = 100

// Verify checks the whole store against its custody log, as described in
// the package comment. It returns the report and, if anything disagrees,
// the earliest mismatch by log position (also Report.Problems[0]); a
// disagreement of the tree as a whole comes after any of single records.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	v := &verifier{ctx: ctx, st: l.st, latest: map[[16]byte]int64{}}
	rep, err := v.run()
	if err != nil {
		return rep, fmt.Errorf("custody: verify: %w", err)
	}
	if len(rep.Problems) > 0 {
		return rep, rep.Problems[0]
	}
	return rep, nil
}

type verifier struct {
	ctx    context.Context
	st     store.Store
	leaves []tlog.Hash        // record hashes recomputed from the records
	latest map[[16]byte]int64 // object → index of its latest record; -1 once its row was seen
	rep    Report
}

func objectKey(kind, subject string) [16]byte {
	sum := sha256.Sum256([]byte(kind + "\x00" + subject))
	var k [16]byte
	copy(k[:], sum[:])
	return k
}

func (v *verifier) problem(m *Mismatch) {
	if len(v.rep.Problems) < maxProblems {
		// Keep them ordered by log position so the first is the earliest.
		// A tree-level mismatch says least about where: it goes last.
		pos := func(m *Mismatch) int64 {
			if m.Index < 0 {
				return 1<<63 - 1
			}
			return m.Index
		}
		i := len(v.rep.Problems)
		for i > 0 && pos(v.rep.Problems[i-1]) > pos(m) {
			i--
		}
		v.rep.Problems = append(v.rep.Problems, nil)
		copy(v.rep.Problems[i+1:], v.rep.Problems[i:])
		v.rep.Problems[i] = m
	}
}

func (v *verifier) run() (Report, error) {
	if err := v.records(); err != nil {
		return v.rep, err
	}
	steps := []func() error{v.originals, v.documents, v.derived, v.edits, v.decisions, v.missing, v.views}
	for _, step := range steps {
		if err := step(); err != nil {
			return v.rep, err
		}
	}
	return v.rep, nil
}

// records walks the log: each record's hash must be the stored leaf hash,
// and the root over the recomputed hashes must be the stored root.
func (v *verifier) records() error {
	n, err := v.st.LogSize(v.ctx)
	if err != nil {
		return err
	}
	var stack []subtree // complete subtrees, largest first
	const chunk = 512
	var batch [][]byte
	var start int64
	flush := func() error {
		idx := make([]int64, len(batch))
		for i := range batch {
			idx[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		stored, err := v.st.ReadHashes(v.ctx, idx)
		if err != nil {
			return err
		}
		for i, data := range batch {
			at := start + int64(i)
			h := tlog.RecordHash(data)
			v.leaves = append(v.leaves, h)
			stack = push(stack, subtree{1, h})
			r, err := store.DecodeRecord(data)
			if err != nil {
				v.problem(&Mismatch{Index: at, Kind: "?", Subject: "?", What: "record does not parse", Expected: "a sitrep custody record", Found: err.Error()})
				continue
			}
			if h != stored[i] {
				v.problem(&Mismatch{Index: at, Kind: r.Kind, Subject: r.Subject(), What: "record hash", Expected: stored[i].String(), Found: h.String()})
			}
			v.latest[objectKey(r.Kind, r.Subject())] = at
		}
		start += int64(len(batch))
		batch = batch[:0]
		return nil
	}
	err = v.st.LogRecords(v.ctx, 0, func(i int64, data []byte) error {
		if i != start+int64(len(batch)) {
			return fmt.Errorf("log record %d out of sequence: %w", i, ErrMismatch)
		}
		batch = append(batch, data)
		if len(batch) == chunk {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return err
	}
	if start != n {
		v.problem(&Mismatch{Index: -1, What: "log size", Expected: fmt.Sprint(n), Found: fmt.Sprint(start)})
	}
	root := rootOf(stack)
	v.rep.Tree = Tree{start, root}
	stored, err := tlog.TreeHash(n, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return v.st.ReadHashes(v.ctx, idx) }))
	if err != nil {
		return err
	}
	if stored != root {
		v.problem(&Mismatch{Index: -1, What: "tree root from stored hashes vs. from records", Expected: stored.String(), Found: root.String()})
	}
	return nil
}

// subtree is a complete subtree of the log: its leaf count and hash.
type subtree struct {
	size int64
	hash tlog.Hash
}

// push adds a leaf, merging equal-sized subtrees as RFC 6962 does.
func push(stack []subtree, s subtree) []subtree {
	stack = append(stack, s)
	for len(stack) >= 2 && stack[len(stack)-1].size == stack[len(stack)-2].size {
		a, b := stack[len(stack)-2], stack[len(stack)-1]
		stack = append(stack[:len(stack)-2], subtree{a.size * 2, tlog.NodeHash(a.hash, b.hash)})
	}
	return stack
}

// rootOf folds the complete subtrees, right to left, into the tree hash.
func rootOf(stack []subtree) tlog.Hash {
	if len(stack) == 0 {
		return tlog.Hash{}
	}
	h := stack[len(stack)-1].hash
	for i := len(stack) - 2; i >= 0; i-- {
		h = tlog.NodeHash(stack[i].hash, h)
	}
	return h
}

// row checks that a stored row is exactly what its latest log record says.
func (v *verifier) row(r store.Record, index int64) {
	key := objectKey(r.Kind, r.Subject())
	latest, ok := v.latest[key]
	data := r.Encode()
	switch {
	case index < 0 || index >= int64(len(v.leaves)):
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row points outside the log", Expected: fmt.Sprintf("index < %d", len(v.leaves)), Found: fmt.Sprint(index)})
	case tlog.RecordHash(data) != v.leaves[index]:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "stored row differs from its record",
			Expected: strings.TrimSpace(v.recordText(index)), Found: strings.TrimSpace(string(data))})
	case !ok:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row has no record", Expected: "a record", Found: "none"})
	case latest >= 0 && latest != index:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row is not the latest recorded version",
			Expected: fmt.Sprintf("record %d", latest), Found: fmt.Sprintf("record %d", index)})
	}
	if ok {
		v.latest[key] = -1
	}
}

func (v *verifier) recordText(index int64) string {
	var out string
	stop := errors.New("stop")
	v.st.LogRecords(v.ctx, index, func(_ int64, data []byte) error { out = string(data); return stop })
	return out
}

func (v *verifier) originals() error {
	return v.st.ScanOriginals(v.ctx, func(o store.Original) error {
		v.rep.Originals++
		v.row(store.OriginalRec(o), o.LogIndex)
		rc, err := v.st.OpenOriginal(v.ctx, o.Hash)
		if err != nil {
			v.problem(&Mismatch{Index: o.LogIndex, Kind: store.RecordOriginal, Subject: o.Hash, What: "original bytes of " + o.Source, Expected: "readable", Found: err.Error()})
			return nil
		}
		defer rc.Close()
		h := sha256.New()
		size, err := io.Copy(h, rc)
		if err != nil {
			return fmt.Errorf("read original %s: %w", o.Hash, err)
		}
		v.rep.Bytes += size
		got := fmt.Sprintf("sha256:%x", h.Sum(nil))
		if got != o.Hash || size != o.Size {
			v.problem(&Mismatch{Index: o.LogIndex, Kind: store.RecordOriginal, Subject: o.Hash,
				What:     fmt.Sprintf("original bytes of %s (captured %s)", o.Source, o.CapturedAt.Format("2006-01-02T15:04:05Z")),
				Expected: fmt.Sprintf("%s, %d bytes", o.Hash, o.Size), Found: fmt.Sprintf("%s, %d bytes", got, size)})
		}
		return nil
	})
}

func (v *verifier) documents() error {
	return v.st.ScanDocuments(v.ctx, func(d store.Document) error {
		v.rep.Documents++
		v.row(store.DocumentRec(d), d.LogIndex)
		if got := store.HashBytes([]byte(d.Text)); got != d.TextHash {
			v.problem(&Mismatch{Index: d.LogIndex, Kind: store.RecordDocument, Subject: d.ID, What: "document text", Expected: d.TextHash, Found: got})
		}
		links, err := v.st.Links(v.ctx, d.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.DocID == d.ID {
				v.rep.Links++
				v.row(store.LinkRec(l), l.LogIndex)
			}
		}
		return nil
	})
}

func (v *verifier) derived() error {
	return v.st.ScanDerived(v.ctx, func(d store.Derived) error {
		v.rep.Derived++
		canon, err := store.CanonicalResult(d.Result)
		if err != nil {
			return err
		}
		if got := store.HashBytes(canon); got != d.ResultHash {
			v.problem(&Mismatch{Index: d.LogIndex, Kind: store.RecordDerived, Subject: d.DocID, What: "extraction result", Expected: d.ResultHash, Found: got})
		}
		v.row(store.DerivedRec(d), d.LogIndex)
		return nil
	})
}

func (v *verifier) edits() error {
	eds, err := v.st.Edits(v.ctx, store.EditFilter{})
	if err != nil {
		return err
	}
	for _, e := range eds {
		v.rep.Edits++
		v.row(store.EditRec(e), e.LogIndex)
	}
	return nil
}

func (v *verifier) decisions() error {
	ds, err := v.st.Decisions(v.ctx)
	if err != nil {
		return err
	}
	for _, d := range ds {
		v.rep.Decisions++
		v.row(store.DecisionRec(d), d.LogIndex)
	}
	return nil
}

// views compares the stored views with those recomputed from the log.
// Their rows have no record of their own: a problem names the table and
// the row (Kind "view", Subject "incident inc-…").
func (v *verifier) views() error {
	vs, ok := v.st.(store.ViewStore)
	if !ok {
		return nil // a store that keeps no views
	}
	rep, err := views.Verify(v.ctx, vs, maxProblems)
	if err != nil {
		return err
	}
	v.rep.Incidents, v.rep.Redirects, v.rep.Framing, v.rep.Edges = int64(rep.Incidents), int64(rep.Redirects), int64(rep.Framing), int64(rep.Edges)
	for _, p := range rep.Problems {
		v.problem(&Mismatch{Index: -1, Kind: "view", Subject: p.Table + " " + p.Key, What: p.What, Expected: p.Expected, Found: p.Found})
	}
	return nil
}

// missing reports objects the log records but the store no longer has.
func (v *verifier) missing() error {
	for _, i := range v.latest {
		if i < 0 {
			continue
		}
		data := v.recordText(i)
		r, err := store.DecodeRecord([]byte(data))
		if err != nil {
			continue // reported by records()
		}
		v.problem(&Mismatch{Index: i, Kind: r.Kind, Subject: r.Subject(), What: "recorded object is missing from the store", Expected: "present", Found: "missing"})
	}
	return nil
}

// Checkpoint returns a signed note of the current tree head, generating the
// signing key on first use. Keep it somewhere else; VerifyCheckpoint later
// proves the log has only grown since.
func (l *Log) Checkpoint(ctx context.Context) ([]byte, error) {
	signer, err := l.signer()
	if err != nil {
		return nil, fmt.Errorf("custody: checkpoint: %w", err)
	}
	t, err := l.Head(ctx)
	if err != nil {
		return nil, err
	}
	msg, err := note.Sign(&note.Note{Text: FormatTree(t)}, signer)
	if err != nil {
		return nil, fmt.Errorf("custody: checkpoint: sign: %w", err)
	}
	return msg, nil
}

// FormatTree is the text a checkpoint signs.
func FormatTree(t Tree) string {
	return fmt.Sprintf("%s\n%d\n%s\n", checkpointHead, t.Size, base64.StdEncoding.EncodeToString(t.Hash[:]))
}

// ParseTree reads the text of a checkpoint.
func ParseTree(text string) (Tree, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 3 || lines[0] != checkpointHead {
		return Tree{}, fmt.Errorf("not a sitrep custody checkpoint: %w", ErrBadSignature)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 {
		return Tree{}, fmt.Errorf("checkpoint size %q: %w", lines[1], ErrBadSignature)
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return Tree{}, fmt.Errorf("checkpoint hash %q: %w", lines[2], ErrBadSignature)
	}
	var t Tree
	t.Size = n
	copy(t.Hash[:], h)
	return t, nil
}

// OpenCheckpoint checks a checkpoint's signature against the public key
// vkey (the contents of custody.pub) and returns the tree it signs.
func OpenCheckpoint(msg []byte, vkey string) (Tree, error) {
	ver, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return Tree{}, fmt.Errorf("custody: public key: %w", err)
	}
	n, err := note.Open(msg, note.VerifierList(ver))
	if err != nil {
		return Tree{}, fmt.Errorf("custody: checkpoint: %w: %w", ErrBadSignature, err)
	}
	return ParseTree(n.Text)
}

// VerifyCheckpoint checks that old, a checkpoint this store signed, is a
// prefix of the current log: same records, possibly more after them. It
// returns the current tree head.
func (l *Log) VerifyCheckpoint(ctx context.Context, old []byte) (Tree, error) {
	vkey, err := l.PublicKey()
	if err != nil {
		return Tree{}, fmt.Errorf("custody: verify checkpoint: %w", err)
	}
	return l.VerifyCheckpointWith(ctx, old, vkey)
}

// VerifyCheckpointWith is VerifyCheckpoint with a public key kept
// elsewhere, for when the key beside the store cannot be trusted either.
func (l *Log) VerifyCheckpointWith(ctx context.Context, old []byte, vkey string) (Tree, error) {
	ot, err := OpenCheckpoint(old, vkey)
	if err != nil {
		return Tree{}, err
	}
	cur, err := l.Head(ctx)
	if err != nil {
		return cur, err
	}
	if cur.Size < ot.Size {
		return cur, fmt.Errorf("custody: log has %d records, checkpoint %d (records were removed): %w", cur.Size, ot.Size, ErrInconsistent)
	}
	if ot.Size == 0 {
		return cur, nil
	}
	proof, err := tlog.ProveTree(cur.Size, ot.Size, l.hashReader(ctx))
	if err != nil {
		return cur, fmt.Errorf("custody: consistency proof: %w", err)
	}
	if err := tlog.CheckTree(proof, cur.Size, cur.Hash, ot.Size, ot.Hash); err != nil {
		return cur, fmt.Errorf("custody: checkpoint of %s vs. current %s: %w: %w", ot, cur, ErrInconsistent, err)
	}
	return cur, nil
}

// PublicKey returns the verifier key of this store's checkpoints.
func (l *Log) PublicKey() (string, error) {
	b, err := os.ReadFile(filepath.Join(l.dir, PublicKeyFile))
	if err != nil {
		return "", fmt.Errorf("custody: public key: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// signer loads the signing key, creating the key pair on first use.
func (l *Log) signer() (note.Signer, error) {
	priv := filepath.Join(l.dir, PrivateKeyFile)
	b, err := os.ReadFile(priv)
	if errors.Is(err, fs.ErrNotExist) {
		skey, vkey, err := note.GenerateKey(rand.Reader, KeyName)
		if err != nil {
			return nil, fmt.Errorf("generate key: %w", err)
		}
		// Public key first: a private key without it would be useless.
		if err := WriteFileAtomic(filepath.Join(l.dir, PublicKeyFile), []byte(vkey+"\n"), 0o644); err != nil {
			return nil, err
		}
		if err := WriteFileAtomic(priv, []byte(skey+"\n"), 0o600); err != nil {
			return nil, err
		}
		b = []byte(skey)
	} else if err != nil {
		return nil, fmt.Errorf("read key: %w", err)
	}
	s, err := note.NewSigner(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", priv, err)
	}
	return s, nil
}

// Hooks for fault tests: how a temporary file is created and written.
var (
	createTemp = os.CreateTemp
	writeAll   = func(f *os.File, b []byte) error { _, err := f.Write(b); return err }
)

// WriteFileAtomic writes data to path so that path holds either its old
// content or all of data, never part: a temporary file in the same
// directory, synced, renamed over path, and the directory synced.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := createTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeAll(f, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("write %s: sync directory: %w", path, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("write %s: sync directory: %w", path, err)
	}
	return nil
}
