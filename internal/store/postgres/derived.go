package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"sitrep"
	"sitrep/internal/store"
)

func (db *DB) ReplaceDerived(ctx context.Context, docID string, r sitrep.Result, version string) error {
	return db.write(ctx, "replace derived", func(w *wtx) error {
		if _, err := w.session(); err != nil {
			return err
		}
		docs, err := w.lookupDocuments([]string{docID})
		if err != nil {
			return err
		}
		s, ok := docs[docID]
		if !ok {
			return fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
		}
		if err := w.prefetch([]*sitrep.Result{&r}); err != nil {
			return err
		}
		return w.replaceDerived(s, r, version)
	})
}

// replaceDerived stores what was extracted from the document s, unless it
// is stored already, and the event, claim and actor rows made from it.
func (w *wtx) replaceDerived(s docState, r sitrep.Result, version string) error {
	d, canon, err := store.PrepareDerived(s.d.ID, r, version, w.now)
	if err != nil {
		return err
	}
	if s.hasDerived && s.resultHash == d.ResultHash && s.version == version {
		return nil
	}
	if d.LogIndex, err = w.appendLog(store.DerivedRec(d)); err != nil {
		return err
	}
	return w.deriveRows(s, d, canon)
}

// deriveRows writes the derived row d, logged already, and the rows made
// from it, replacing those of an earlier result.
func (w *wtx) deriveRows(s docState, d store.Derived, canon []byte) error {
	docID, docRow := s.d.ID, s.rowid
	var byKey map[string][]store.Edit
	if s.hasDerived {
		// Replaying the custody log reads replaced results (Result).
		if err := w.exec(`INSERT INTO results_replaced (doc_id, result_hash, result)
			SELECT $1, result_hash, result FROM derived WHERE doc_rowid = $2 ON CONFLICT DO NOTHING`, docID, docRow); err != nil {
			return err
		}
		if err := w.exec(`UPDATE derived SET extractor_version = $1, result = $2, result_hash = $3, stored_at = $4, log_index = $5
			WHERE doc_rowid = $6`, d.ExtractorVersion, canon, d.ResultHash, d.StoredAt, d.LogIndex, docRow); err != nil {
			return err
		}
		if err := w.deleteDerived(docRow); err != nil {
			return err
		}
		// Only a document extracted before can have edits to apply again.
		eds, err := edits(w.ctx, w.tx, store.EditFilter{DocID: docID})
		if err != nil {
			return err
		}
		byKey = editsByKey(eds)
	} else {
		w.later("derived", colsDerived, docRow, d.ExtractorVersion, canon, d.ResultHash, d.StoredAt, d.LogIndex)
	}
	effective, err := w.resultRows(s, d.Result, byKey)
	if err != nil {
		return err
	}
	sess, err := w.session()
	if err != nil {
		return err
	}
	isCopy, known := w.copyDocs[docID]
	if !known {
		// Only a document read without lookupDocuments (none yet).
		if isCopy, err = w.isCopy(docRow); err != nil {
			return err
		}
	}
	// The text counts once, with the document's first result (views).
	var text string
	if !s.hasDerived {
		var ok bool
		if text, ok = w.texts[docID]; !ok {
			if _, err := w.row("SELECT text FROM documents WHERE rowid = $1", []any{docRow}, &text); err != nil {
				return err
			}
		}
	}
	return sess.Document(docID, s.d.Published, s.d.Outlet, text, d.Result, effective, isCopy)
}

func editsByKey(eds []store.Edit) map[string][]store.Edit {
	byKey := map[string][]store.Edit{}
	for _, e := range eds {
		byKey[e.EventKey] = append(byKey[e.EventKey], e)
	}
	return byKey
}

// resultRows queues the actor, event and claim rows of a document's
// result, with the edits of its events applied, and returns its events as
// placed: effective values, rejected ones left out.
func (w *wtx) resultRows(s docState, r sitrep.Result, byKey map[string][]store.Edit) ([]sitrep.Event, error) {
	docID, docRow := s.d.ID, s.rowid
	// Actors first, so that their list's names and types win over the
	// names events and claims happen to use.
	docActors := map[int64]int{}
	var order []int64
	for _, a := range r.Actors {
		row, err := w.actor(sitrep.ActorRef{ID: a.ID, Name: a.Name}, a.Type, a.Country, a.Aliases)
		if err != nil {
			return nil, err
		}
		if row == nil {
			continue
		}
		if _, ok := docActors[row.rowid]; !ok {
			row.dDocs++
			order = append(order, row.rowid)
		}
		docActors[row.rowid] += a.Mentions
		row.dMentions += a.Mentions
	}
	for _, id := range order {
		w.later("doc_actors", colsDocActors, docRow, id, docActors[id])
		w.later("actor_dates", colsActorDates, id, s.d.Published, docRow)
	}
	var effective []sitrep.Event
	for _, e := range r.Events {
		eff, review, _ := store.ApplyEdits(e, byKey[store.Key(docID, e.ID)])
		if review != store.ReviewRejected {
			effective = append(effective, eff)
		}
		start, end, place, data, err := w.eventColumns(eff)
		if err != nil {
			return nil, err
		}
		rowid, err := w.nextID("events")
		if err != nil {
			return nil, err
		}
		// Evidence is indexed as extracted: edits change values, not sources.
		w.later("events", colsEvents, rowid, docRow, e.ID, eff.Type, start, end, place, review, data, tsVector(store.EvidenceText(e.Evidence)))
		if err := w.eventActorRows(rowid, start, eff, nil); err != nil {
			return nil, err
		}
	}
	for _, c := range r.Claims {
		if err := w.claimRow(docRow, s.d.Published, c); err != nil {
			return nil, err
		}
	}
	w.addEdges(docRow, s.d.Published, store.DocumentEdges(docID, r.Claims))
	return effective, nil
}

// deleteDerived removes a document's events, claims and actor links, and
// takes them off the actors' counters and the claim edges.
func (w *wtx) deleteDerived(docRow int64) error {
	steps := []string{
		`UPDATE actors SET mentions = actors.mentions - da.mentions, documents = actors.documents - 1
			FROM doc_actors da WHERE da.doc_rowid = $1 AND actors.rowid = da.actor_rowid`,
		`UPDATE actors SET events = actors.events - x.n FROM (
			SELECT actor_rowid, COUNT(*) AS n FROM event_actors
			WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = $1) GROUP BY actor_rowid) AS x
			WHERE actors.rowid = x.actor_rowid`,
		`DELETE FROM event_actors WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = $1)`,
		`DELETE FROM events WHERE doc_rowid = $1`,
		`DELETE FROM claims WHERE doc_rowid = $1`,
		`DELETE FROM doc_actors WHERE doc_rowid = $1`,
		`DELETE FROM actor_dates WHERE doc_rowid = $1`,
	}
	for _, q := range steps {
		if err := w.exec(q, docRow); err != nil {
			return err
		}
	}
	return w.removeEdges(docRow)
}

// eventColumns computes the events row's columns for an event's
// effective values.
func (w *wtx) eventColumns(eff sitrep.Event) (start, end, place any, data []byte, err error) {
	s, e := store.DateRange(eff)
	if span := store.SpanDays(s, e); span > w.maxSpan {
		w.maxSpan = span
	}
	start, end = dateValue(s), dateValue(e)
	if place, err = w.place(eff.Place); err != nil {
		return
	}
	data, err = json.Marshal(eff)
	return
}

// dateValue is a YYYY-MM-DD date as a date column's value; nil for none.
func dateValue(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}

// eventActorRows queues the event's actor rows, one per actor with its
// roles as bits (1 << store.Role…); seen holds actors whose event counter
// already includes this event (when re-linking after an edit).
func (w *wtx) eventActorRows(rowid int64, start any, eff sitrep.Event, seen map[int64]bool) error {
	counted := map[int64]bool{}
	roles := map[int64]int16{}
	var order []int64
	for _, rr := range store.EventActors(eff) {
		a, err := w.actor(rr.Ref, "", "", nil)
		if err != nil {
			return err
		}
		if a == nil {
			continue
		}
		if _, ok := roles[a.rowid]; !ok {
			order = append(order, a.rowid)
		}
		roles[a.rowid] |= 1 << rr.Role
		if !counted[a.rowid] {
			counted[a.rowid] = true
			if !seen[a.rowid] {
				a.dEvs++
			}
		}
	}
	for _, id := range order {
		w.later("event_actors", colsEventActor, id, start, rowid, roles[id])
	}
	for r := range seen {
		if !counted[r] {
			a, err := w.actorByRow(r)
			if err != nil {
				return err
			}
			a.dEvs--
		}
	}
	return nil
}

// claimRow queues the claims row of c.
func (w *wtx) claimRow(docRow int64, published string, c sitrep.Claim) error {
	var refs [3]any
	list := []sitrep.ActorRef{c.Speaker}
	relation := ""
	if c.Relation != nil {
		relation = c.Relation.Type
		list = append(list, c.Relation.Subject, c.Relation.Object)
	}
	for i, ref := range list {
		a, err := w.actor(ref, "", "", nil)
		if err != nil {
			return err
		}
		if a != nil {
			refs[i] = a.rowid
		}
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("claim %s: %w", c.ID, err)
	}
	rowid, err := w.nextID("claims")
	if err != nil {
		return err
	}
	w.later("claims", colsClaims, rowid, docRow, c.ID, refs[0], relation, refs[1], refs[2], published, data, tsVector(c.Text))
	return nil
}
