package postgres

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"sitrep"
	"sitrep/internal/store"
)

type actorRow struct {
	rowid                  int64
	id                     string
	desc                   store.ActorDesc
	isNew, dirty           bool
	dMentions, dDocs, dEvs int
}

type placeKey struct {
	name, admin1, country string
	lat, lon              float64
	hasLL                 bool
}

func aliasJSON(a []string) string {
	if a == nil {
		return "[]"
	}
	b, _ := json.Marshal(a)
	return string(b)
}

// prefetch reads, in one query each, the actors and places the results
// name, rather than one query per actor or place as they come up.
func (w *wtx) prefetch(results []*sitrep.Result) error {
	seen := map[string]bool{}
	var ids []string
	note := func(ref sitrep.ActorRef) {
		if ref.ID == "" && strings.TrimSpace(ref.Name) == "" {
			return
		}
		if k := store.ActorKey(ref); !seen[k] {
			seen[k] = true
			if _, ok := w.actors[k]; !ok {
				ids = append(ids, k)
			}
		}
	}
	var placeNames []string
	for _, r := range results {
		for _, a := range r.Actors {
			note(sitrep.ActorRef{ID: a.ID, Name: a.Name})
		}
		for _, e := range r.Events {
			for _, rr := range store.EventActors(e) {
				note(rr.Ref)
			}
			if e.Place != nil {
				placeNames = append(placeNames, e.Place.Name)
			}
		}
		for _, c := range r.Claims {
			note(c.Speaker)
			if c.Relation != nil {
				note(c.Relation.Subject)
				note(c.Relation.Object)
			}
		}
	}
	if len(ids) > 0 {
		rows, err := w.tx.Query(w.ctx, "SELECT rowid, id, name, type, country, aliases FROM actors WHERE id = ANY($1)", ids)
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		for rows.Next() {
			a := &actorRow{}
			var aliases string
			if err := rows.Scan(&a.rowid, &a.id, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliases); err != nil {
				rows.Close()
				return fmt.Errorf("actors: %w", err)
			}
			if err := json.Unmarshal([]byte(aliases), &a.desc.Aliases); err != nil {
				rows.Close()
				return fmt.Errorf("actor %s: aliases: %w", a.id, err)
			}
			w.actors[a.id] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		// The rest are new.
		for _, id := range ids {
			if _, ok := w.actors[id]; !ok {
				w.actors[id] = nil
			}
		}
	}
	return w.prefetchPlaces(placeNames)
}

// prefetchPlaces reads the stored places with these names.
func (w *wtx) prefetchPlaces(names []string) error {
	var want []string
	for _, n := range names {
		if !w.placeNames[n] && !slices.Contains(want, n) {
			want = append(want, n)
		}
	}
	if len(want) == 0 {
		return nil
	}
	rows, err := w.tx.Query(w.ctx, "SELECT rowid, name, admin1, country, lat, lon FROM places WHERE name = ANY($1)", want)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k placeKey
		var lat, lon *float64
		if err := rows.Scan(&id, &k.name, &k.admin1, &k.country, &lat, &lon); err != nil {
			return fmt.Errorf("places: %w", err)
		}
		if lat != nil && lon != nil {
			k.lat, k.lon, k.hasLL = *lat, *lon, true
		}
		w.places[k] = id
	}
	for _, n := range want {
		w.placeNames[n] = true
	}
	return rows.Err()
}

// actor finds or creates the actor a reference names, remembering new
// names and a type or country first given now. It returns nil for a
// reference with neither id nor name.
func (w *wtx) actor(ref sitrep.ActorRef, typ, country string, aliases []string) (*actorRow, error) {
	if !store.Named(ref) {
		return nil, nil
	}
	key := store.ActorKey(ref)
	a, known := w.actors[key]
	if a == nil {
		found := false
		if !known { // prefetch did not look for it
			a = &actorRow{}
			var aliasJSON string
			var err error
			found, err = w.row("SELECT rowid, id, name, type, country, aliases FROM actors WHERE id = $1", []any{key},
				&a.rowid, &a.id, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliasJSON)
			if err != nil {
				return nil, err
			}
			if found {
				if err := json.Unmarshal([]byte(aliasJSON), &a.desc.Aliases); err != nil {
					return nil, fmt.Errorf("actor %s: aliases: %w", key, err)
				}
			}
		}
		if !found {
			if err := checkText("actor "+key, key, ref.Name); err != nil {
				return nil, err
			}
			id, err := w.nextID("actors")
			if err != nil {
				return nil, err
			}
			a = &actorRow{rowid: id, id: key, desc: store.NewActorDesc(ref), isNew: true}
		}
		w.actors[key] = a
	}
	if err := checkText("actor "+key, append([]string{ref.Name, typ, country}, aliases...)...); err != nil {
		return nil, err
	}
	if a.desc.Note(ref, typ, country, aliases) {
		a.dirty = true
	}
	return a, nil
}

// place returns the row id of a place, adding it when new; nil for none.
func (w *wtx) place(p *sitrep.Place) (any, error) {
	if p == nil {
		return nil, nil
	}
	k := placeKey{name: p.Name, admin1: p.Admin1, country: p.Country}
	if p.Lat != nil && p.Lon != nil {
		k.lat, k.lon, k.hasLL = *p.Lat, *p.Lon, true
	}
	if id, ok := w.places[k]; ok {
		return id, nil
	}
	if id, ok := w.db.placeCache.Load(k); ok {
		return id.(int64), nil
	}
	var lat, lon any
	if k.hasLL {
		lat, lon = k.lat, k.lon
	}
	var id int64
	if !w.placeNames[k.name] {
		found, err := w.row(`SELECT rowid FROM places WHERE name = $1 AND admin1 = $2 AND country = $3
			AND lat IS NOT DISTINCT FROM $4 AND lon IS NOT DISTINCT FROM $5`, []any{k.name, k.admin1, k.country, lat, lon}, &id)
		if err != nil {
			return nil, err
		}
		if found {
			w.places[k] = id
			return id, nil
		}
	}
	if err := checkText("place", k.name, k.admin1, k.country); err != nil {
		return nil, err
	}
	id, err := w.nextID("places")
	if err != nil {
		return nil, err
	}
	w.later("places", colsPlaces, id, k.name, k.admin1, k.country, lat, lon,
		strings.ToLower(k.name), strings.ToLower(k.admin1), strings.ToLower(k.country))
	w.places[k] = id
	w.newPlaces[k] = id
	return id, nil
}

func (w *wtx) actorByRow(rowid int64) (*actorRow, error) {
	for _, a := range w.actors {
		if a != nil && a.rowid == rowid {
			return a, nil
		}
	}
	var id string
	if _, err := w.row("SELECT id FROM actors WHERE rowid = $1", []any{rowid}, &id); err != nil {
		return nil, err
	}
	return w.actor(sitrep.ActorRef{ID: id}, "", "", nil)
}
