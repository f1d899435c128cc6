package custody

import (
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

type tlogHash = tlog.Hash

func recordHash(b []byte) tlog.Hash { return tlog.RecordHash(b) }

func reader(hs []tlog.Hash) tlog.HashReader {
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = hs[x]
		}
		return out, nil
	})
}

func appendStored(t *testing.T, hs []tlog.Hash, n int64, data []byte) []tlog.Hash {
	t.Helper()
	more, err := tlog.StoredHashes(n, data, reader(hs))
	if err != nil {
		t.Fatal(err)
	}
	return append(hs, more...)
}

func treeHash(t *testing.T, n int64, hs []tlog.Hash) tlog.Hash {
	t.Helper()
	h, err := tlog.TreeHash(n, reader(hs))
	if err != nil {
		t.Fatal(err)
	}
	return h
}
