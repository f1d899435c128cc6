// Package extract turns one document into its sitrep/v1 result: events,
// claims, actors and places, each with evidence spans.
//
// Extraction is rule-based and reads each sentence once: speech attribution
// first (who says what), then incidents (trigger words, their date, place,
// figures and actors, folded together when several sentences report one
// incident), then the relations stated inside attributed speech.
package extract

import (
	"fmt"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/gazetteer"
	"sitrep/internal/lang"
	"sitrep/internal/recognise"
)

// Version names the extraction rules. It is stored with every result so
// that 'sitrep reextract' can find the results older rules produced; change
// it whenever a change of the rules changes their output.
const Version = "2026.12.07-52"

// Options configures an Extractor.
type Options struct {
	// ActorsFile is an extra actor knowledge file that extends the built-in one.
	ActorsFile string
	// DataDir, when set, adds the places imported there with
	// 'sitrep gazetteer import' to the embedded gazetteer.
	DataDir string
}

// Extractor holds the knowledge (gazetteer, actors) shared by every
// extraction. It is safe for concurrent use.
type Extractor struct {
	kb  *actors.KB
	rec *recognise.Recogniser
}

// New loads the knowledge bases. It is the slow part; reuse the Extractor.
func New(opts Options) (*Extractor, error) {
	kb := actors.Default()
	if opts.ActorsFile != "" {
		ext, err := kb.Extend(opts.ActorsFile)
		if err != nil {
			return nil, fmt.Errorf("load actors: %w", err)
		}
		kb = ext
	}
	gaz := gazetteer.Default()
	if opts.DataDir != "" {
		g, err := gazetteer.Open(opts.DataDir)
		if err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
		gaz = g
	}
	return &Extractor{kb: kb, rec: &recognise.Recogniser{KB: kb, Gaz: gaz}}, nil
}

// Language is the language the extraction rules read.
const Language = "en"

// minLanguageConfidence is how sure the language identifier must be before
// a document is set aside as written in another language. Below it (short
// or list-like English texts) the document is read as English.
const minLanguageConfidence = 0.5

// Extract reads one document and returns its incidents, claims, actors and
// places. A document written in a language the rules do not read is
// returned with its language and nothing else: rules for English find only
// false incidents in French or Urdu ("Au" is not a town).
func (x *Extractor) Extract(doc sitrep.Document) *sitrep.Result {
	code, conf := lang.Detect(doc.Text)
	if conf < minLanguageConfidence {
		code = ""
	}
	if code != "" && code != Language {
		res := &sitrep.Result{Schema: sitrep.Schema, Document: sitrep.Info(doc),
			Events: []sitrep.Event{}, Claims: []sitrep.Claim{}, Actors: []sitrep.Actor{}, Places: []sitrep.Place{}}
		res.Document.Language = code
		return res
	}
	read := doc
	var shy softHyphens
	read.Text, shy = dropSoftHyphens(doc.Text)
	d := &docState{x: x, rd: x.rec.Read(read), text: read.Text, source: doc.Text, shy: shy, actors: map[string]*actorAcc{}}
	d.findAttributions()
	d.findEvents()
	d.findClaims()
	d.claimantsOfEvents()
	res := d.result()
	res.Document = sitrep.Info(doc) // the document as given, soft hyphens and all
	res.Document.Language = code
	return res
}

// Unread reports a result the extractor set aside because its document is
// written in a language other than the one the rules read.
func Unread(res *sitrep.Result) bool {
	return res.Document.Language != "" && res.Document.Language != Language
}

// Annotate returns what the reader and recogniser found in the document.
func (x *Extractor) Annotate(doc sitrep.Document) *sitrep.Annotation {
	return x.rec.Read(doc).Annotation()
}

// Actors is the actor knowledge the extractor reads with.
func (x *Extractor) Actors() *actors.KB { return x.kb }

// Organisation returns the organisation an actor is a named branch of
// (actors.KB.Organisation).
func (x *Extractor) Organisation(id string) string { return x.kb.Organisation(id) }
