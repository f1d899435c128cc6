package memory_test

import (
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return memory.New() })
}

func TestViews(t *testing.T) {
	storetest.RunViews(t, func(t *testing.T) store.ViewStore { return memory.New() })
}
