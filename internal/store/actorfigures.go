package store

import (
	"context"
	"fmt"
	"slices"

	"sitrep"
	"sitrep/internal/consolidate"
)

// The actor page reads what a store keeps per actor instead of walking
// the actor's history: how many incidents name it in each role, how many
// claims it made and how many name it, and its documents; the lists
// behind those counts are read a page at a time, newest first, on
// indexes. The counts are kept in the transactions that change the rows
// they count (the incidents' actor rows, the claims, the documents'
// actors), so they are a function of the custody log as those rows are.

// ActorFigures are one actor's stored counts. Incidents count the
// incidents whose reports name the actor in that role (an incident counts
// once per role); claims count claims with it as speaker (Made) and with
// it as the relation's subject or object (About, once per claim);
// Documents counts the documents whose results name it.
type ActorFigures struct {
	Perpetrator int `json:"perpetrator"`
	Target      int `json:"target"`
	Claimant    int `json:"claimant"`
	Made        int `json:"made"`
	About       int `json:"about"`
	Documents   int `json:"documents"`
}

// Roles an incident names an actor in, as bits (IncidentActorRoles).
const (
	IncidentPerpetrator = 1 << iota
	IncidentTarget
	IncidentClaimant
)

// CountRoles counts one incident naming the actor in roles.
func (f *ActorFigures) CountRoles(roles int) {
	if roles&IncidentPerpetrator != 0 {
		f.Perpetrator++
	}
	if roles&IncidentTarget != 0 {
		f.Target++
	}
	if roles&IncidentClaimant != 0 {
		f.Claimant++
	}
}

// ClaimFigureKeys are the actors a claim counts for: the speaker that made
// it ("" when it names none) and the actors its relation names as subject
// or object, once each.
func ClaimFigureKeys(c sitrep.Claim) (made string, about []string) {
	if Named(c.Speaker) {
		made = ActorKey(c.Speaker)
	}
	if r := c.Relation; r != nil {
		for _, a := range []sitrep.ActorRef{r.Subject, r.Object} {
			if k := ActorKey(a); Named(a) && !slices.Contains(about, k) {
				about = append(about, k)
			}
		}
	}
	return made, about
}

// IncidentActorRoles lists the actor keys (ActorKey) an incident names as
// perpetrator, target or claimant, sorted (what the actor filter
// matches), with the roles (IncidentPerpetrator, …) it names each in.
func IncidentActorRoles(inc consolidate.Incident) (keys []string, roles []int) {
	by := map[string]int{}
	for i, l := range [][]consolidate.ActorTally{inc.Perpetrators, inc.Targets, inc.ClaimedBy} {
		for _, a := range l {
			by[ActorKey(sitrep.ActorRef{ID: a.ID, Name: a.Name})] |= 1 << i
		}
	}
	for k := range by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		roles = append(roles, by[k])
	}
	return keys, roles
}

// Roles of an actor's claims, for ActorClaims.
const (
	ClaimsMade  = "made"  // the actor is the speaker
	ClaimsAbout = "about" // the actor is the relation's subject or object
)

// ActorDocument is a document naming an actor, without its text.
type ActorDocument struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// ActorReader is the part of a store that reads the actor page.
type ActorReader interface {
	// ActorFigures returns an actor's stored counts (all zero for an
	// actor the store does not know).
	ActorFigures(ctx context.Context, actorKey string) (ActorFigures, error)
	// ActorClaims returns a page of the claims an actor made (ClaimsMade)
	// or that name it (ClaimsAbout), newest published first.
	ActorClaims(ctx context.Context, actorKey, role string, limit, offset int) ([]Claim, error)
	// ActorDocuments returns a page of the documents whose results name
	// an actor, newest published first.
	ActorDocuments(ctx context.Context, actorKey string, limit, offset int) ([]ActorDocument, error)
}

// CheckActorPage checks the page ActorDocuments is asked for.
func CheckActorPage(limit, offset int) error {
	if limit <= 0 || offset < 0 {
		return fmt.Errorf("actor page: limit %d, offset %d: %w", limit, offset, ErrInvalid)
	}
	return nil
}

// CheckActorClaims checks the arguments of ActorClaims.
func CheckActorClaims(role string, limit, offset int) error {
	if role != ClaimsMade && role != ClaimsAbout {
		return fmt.Errorf("actor claims: role %q is not %s or %s: %w", role, ClaimsMade, ClaimsAbout, ErrInvalid)
	}
	return CheckActorPage(limit, offset)
}
