// Package extract turns one document into its sitrep/v1 result: events,
// claims, actors and places, each with evidence spans.
package extract

import (
	"sitrep"
)

// Options configures an Extractor.
type Options struct {
	// ActorsFile is an extra actor knowledge file that extends the built-in one.
	ActorsFile string
}

// Extractor holds the knowledge (gazetteer, actors) shared by every
// extraction. It is safe for concurrent use.
type Extractor struct {
	opts Options
}

// New loads the knowledge bases. It is the slow part; reuse the Extractor.
func New(opts Options) (*Extractor, error) {
	return &Extractor{opts: opts}, nil
}

// Extract reads one document and returns its incidents, claims, actors and places.
func (x *Extractor) Extract(doc sitrep.Document) *sitrep.Result {
	return &sitrep.Result{Schema: sitrep.Schema, Document: sitrep.Info(doc),
		Events: []sitrep.Event{}, Claims: []sitrep.Claim{}, Actors: []sitrep.Actor{}, Places: []sitrep.Place{}}
}

// Annotate returns what the reader and recogniser found in the document.
func (x *Extractor) Annotate(doc sitrep.Document) *sitrep.Annotation {
	return &sitrep.Annotation{Schema: sitrep.AnnotateSchema, Document: sitrep.Info(doc),
		Dates: []sitrep.DateMention{}, Numbers: []sitrep.NumberMention{}, Actors: []sitrep.ActorMention{}, Places: []sitrep.PlaceMention{}}
}
