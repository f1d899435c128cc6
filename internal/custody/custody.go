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
// every node of the tree over them, each original's SHA-256 from its
// bytes, each document's text hash, each stored extraction result's hash
// (replaced ones included), and checks that every row is exactly what its
// latest record says. It then recomputes from those records what the
// store shows (the events with their edits, the claims, the actors, and
// the views: incidents, their reports, redirects, framing counts, package
// views) and compares it with what the store's read methods return, and
// lets a backend with indexes check them against those rows
// (store.IndexVerifier): a row changed behind the log's back shows,
// named. A store that writes a journal of heads beside its database
// (store.HeadsFile) is compared with it, so that commits lost with a
// write-ahead log show too. Checkpoint signs
// the current tree head (size and root hash) in the note format with an
// ed25519 key kept beside the store; someone who keeps a checkpoint
// elsewhere can later prove with VerifyCheckpoint that the log has only
// grown since, never been rewritten.
package custody

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep/internal/store"
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
