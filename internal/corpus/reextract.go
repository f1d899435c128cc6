package corpus

import (
	"context"
	"fmt"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// ReextractOptions choose what Reextract rebuilds.
type ReextractOptions struct {
	// All re-reads every document; by default only those whose stored
	// result came from other extraction rules (extract.Version).
	All      bool
	Progress func(done, total int)
	// Views rebuilds the views from the custody log even when they were
	// built by this program's rules; ViewsProgress follows a rebuild.
	Views         bool
	ViewsProgress func(done, total int64)
}

// ReextractSummary says what Reextract did.
type ReextractSummary struct {
	Documents int `json:"documents"` // documents looked at
	Rebuilt   int `json:"rebuilt"`
	Events    int `json:"events"`
	Claims    int `json:"claims"`
	// ViewsRebuilt says the views were rebuilt from the custody log.
	ViewsRebuilt bool `json:"views_rebuilt"`
}

// Reextract reads stored documents again with the current rules and
// replaces what was derived from them. Originals and documents are not
// touched; analyst edits are applied again by the store, and users' merge
// and split decisions by the incident views, which follow each document
// in the same transaction. Views built by other consolidation rules (or
// opt.Views) are rebuilt from the custody log first.
func (c *Corpus) Reextract(ctx context.Context, opt ReextractOptions) (ReextractSummary, error) {
	c.write.Lock()
	defer c.write.Unlock()
	var s ReextractSummary
	x, err := c.Extractor()
	if err != nil {
		return s, err
	}
	if vs, ok := c.st.(store.ViewStore); ok {
		state, err := vs.ViewsState(ctx)
		if err != nil {
			return s, err
		}
		if opt.Views || !state.Current {
			if err := vs.RebuildViews(ctx, opt.ViewsProgress); err != nil {
				return s, fmt.Errorf("rebuild views: %w", err)
			}
			s.ViewsRebuilt = true
		}
	}
	// Collect the ids first: a scan must not hold the store while it is
	// written, and ids keep memory small where texts would not.
	var jobs []string
	err = c.st.ScanDocuments(ctx, func(d store.Document) error {
		s.Documents++
		if !opt.All {
			der, err := c.st.Derived(ctx, d.ID)
			if err == nil && der.ExtractorVersion == extract.Version {
				return nil
			}
		}
		jobs = append(jobs, d.ID)
		return nil
	})
	if err != nil {
		return s, err
	}
	for i, id := range jobs {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		d, err := c.st.Document(ctx, id)
		if err != nil {
			return s, err
		}
		res := x.Extract(sitrep.Document{Text: d.Text, Published: d.Published, Title: d.Title, Source: d.Outlet, URL: d.URL})
		if err := c.st.ReplaceDerived(ctx, d.ID, *res, extract.Version); err != nil {
			return s, fmt.Errorf("reextract %s: %w", d.ID, err)
		}
		s.Rebuilt++
		s.Events += len(res.Events)
		s.Claims += len(res.Claims)
		if opt.Progress != nil {
			opt.Progress(i+1, len(jobs))
		}
	}
	return s, nil
}
