package store

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// HeadsFile is the journal of custody log heads that a store keeping its
// log in a database file writes beside that file, one line after each
// commit: the log's size and root hash then, and what the commit added.
// It is outside the database on purpose. A database that lost committed
// transactions (its write-ahead log deleted after a crash, or an older
// copy put in its place) is a consistent database with a shorter log, and
// nothing inside it can tell; this journal still names the records it
// had, so verify can say that, and which, records are gone.
const HeadsFile = "custody.heads"

// Head is the custody log as one commit left it.
type Head struct {
	Size  int64          // records in the log after the commit
	Hash  tlog.Hash      // the tree hash over them
	At    time.Time      // when (UTC, seconds)
	Added map[string]int // records the commit appended, by kind
}

// String is the head's journal line, without its newline:
// SIZE HASH TIME kind=n,kind=n.
func (h Head) String() string {
	kinds := make([]string, 0, len(h.Added))
	for k, n := range h.Added {
		kinds = append(kinds, k+"="+strconv.Itoa(n))
	}
	slices.Sort(kinds)
	return fmt.Sprintf("%d %s %s %s", h.Size, base64.StdEncoding.EncodeToString(h.Hash[:]),
		h.At.UTC().Format(time.RFC3339), strings.Join(kinds, ","))
}

// parseHead reads a journal line; ok is false for a line a crash cut.
func parseHead(line string) (h Head, ok bool) {
	f := strings.Fields(line)
	if len(f) < 3 || len(f) > 4 {
		return h, false
	}
	size, err := strconv.ParseInt(f[0], 10, 64)
	hash, herr := base64.StdEncoding.DecodeString(f[1])
	at, terr := time.Parse(time.RFC3339, f[2])
	if err != nil || size < 0 || herr != nil || len(hash) != tlog.HashSize || terr != nil {
		return h, false
	}
	h.Size, h.At, h.Added = size, at, map[string]int{}
	copy(h.Hash[:], hash)
	if len(f) == 4 {
		for _, kv := range strings.Split(f[3], ",") {
			k, v, _ := strings.Cut(kv, "=")
			n, err := strconv.Atoi(v)
			if err != nil {
				return h, false
			}
			h.Added[k] += n
		}
	}
	return h, true
}

// AppendHead adds h to the journal in dir and syncs it. Appends of one
// short line are atomic, so processes sharing a store need no lock.
func AppendHead(dir string, h Head) error {
	path := filepath.Join(dir, HeadsFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("custody heads: %w", err)
	}
	_, err = f.WriteString(h.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("custody heads: %s: %w", path, err)
	}
	return nil
}

// ReadHeads reads the journal in dir, skipping lines a crash cut short.
// It returns an error wrapping fs.ErrNotExist when there is none.
func ReadHeads(dir string) ([]Head, error) {
	b, err := os.ReadFile(filepath.Join(dir, HeadsFile))
	if err != nil {
		return nil, fmt.Errorf("custody heads: %w", err)
	}
	var out []Head
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if h, ok := parseHead(sc.Text()); ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// Journal bounds: past maxHeadsBytes, TrimHeads keeps the last keepHeads
// lines, which are what verify reads.
const (
	maxHeadsBytes = 1 << 20
	keepHeads     = 4096
)

// TrimHeads shortens a journal that outgrew its bound, keeping its last
// lines; writers call it when they open the store. A line another process
// appends while it runs may be lost, which costs nothing but that line.
func TrimHeads(dir string) error {
	path := filepath.Join(dir, HeadsFile)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("custody heads: %w", err)
	}
	if st.Size() <= maxHeadsBytes {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("custody heads: %w", err)
	}
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) > keepHeads {
		lines = lines[len(lines)-keepHeads:]
	}
	tmp, err := os.CreateTemp(dir, "."+HeadsFile+".tmp*")
	if err != nil {
		return fmt.Errorf("custody heads: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(bytes.Join(lines, nil))
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("custody heads: trim: %w", err)
	}
	return nil
}
