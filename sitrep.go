// Package sitrep holds the domain types shared by every stage of the pipeline:
// documents, the events and claims extracted from them, and the actors and
// places they mention. The JSON shape of Result is the public sitrep/v1
// contract documented in docs/schema.md; change it only with a new Schema.
//
// Every other package imports this one; it imports none of them.
package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
)

// Schema names the version of the JSON contract produced by Extract.
const Schema = "sitrep/v1"

// Span is a half-open range of UTF-8 byte offsets into a document's text,
// with the text it covers.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// DocumentInfo describes the document an extraction came from.
type DocumentInfo struct {
	ID        string  `json:"id"` // "sha256:<hex of the text>"
	Title     string  `json:"title,omitempty"`
	Published string  `json:"published,omitempty"` // YYYY-MM-DD
	Source    string  `json:"source,omitempty"`
	URL       *string `json:"url"`
	// Language is the ISO 639-1 code of the language the text is written
	// in, when sitrep could tell; omitted otherwise.
	Language string `json:"language,omitempty"`
}

// Precision of a date: how much of Start/End the text actually states.
const (
	PrecisionDay   = "day"
	PrecisionWeek  = "week"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// Date is a resolved calendar date or range. Start and End are ISO dates
// (YYYY-MM-DD); Precision says which part of them the text states.
type Date struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Precision string `json:"precision"`
	Text      string `json:"text"`
}

// Place precisions, from most to least specific.
const (
	PlacePoint    = "point"
	PlaceTown     = "city"
	PlaceDistrict = "district"
	PlaceProvince = "province"
	PlaceCountry  = "country"
)

// Place is a location resolved to a gazetteer entry.
type Place struct {
	Name       string   `json:"name"`
	Admin1     string   `json:"admin1,omitempty"`
	Country    string   `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Lat        *float64 `json:"lat"`
	Lon        *float64 `json:"lon"`
	GeonamesID int      `json:"geonames_id,omitempty"`
	Precision  string   `json:"precision,omitempty"`
	Mentions   int      `json:"mentions,omitempty"`
}

// Count is a casualty or victim figure as a range. Text is the phrase it was
// read from ("at least 9", "dozens"). Nil fields mean the text gives none.
type Count struct {
	Low  *int   `json:"low"`
	Best *int   `json:"best"`
	High *int   `json:"high"`
	Text string `json:"text"`
}

// ActorRef points at an actor from an event or claim: its id in the actor
// list and the name the text used there.
type ActorRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Event types: the closed taxonomy of DESIGN.md.
const (
	Bombing       = "bombing"
	ArmedAttack   = "armed_attack"
	Assassination = "assassination"
	Clash         = "clash"
	Abduction     = "abduction"
	MassGrave     = "mass_grave"
	Arrest        = "arrest"
	Torture       = "torture"
	Protest       = "protest"
	Visit         = "visit"
)

// EventTypes lists the taxonomy in a stable order.
var EventTypes = []string{Bombing, ArmedAttack, Assassination, Clash, Abduction, MassGrave, Arrest, Torture, Protest, Visit}

// Modalities: how the text presents an event.
const (
	Asserted = "asserted" // reported as fact
	Alleged  = "alleged"  // an actor alleges it
	Claimed  = "claimed"  // a perpetrator claims it
	Planned  = "planned"  // scheduled, future
	Denied   = "denied"
)

// Event is one real-world incident reported in one document.
type Event struct {
	ID           string     `json:"id"`
	Type         string     `json:"type"`
	Suicide      bool       `json:"suicide"`
	Modality     string     `json:"modality"`
	Date         *Date      `json:"date"`
	Place        *Place     `json:"place"`
	Perpetrators []ActorRef `json:"perpetrators"`
	Targets      []ActorRef `json:"targets"`
	ClaimedBy    []ActorRef `json:"claimed_by"`
	Killed       *Count     `json:"killed"`
	Injured      *Count     `json:"injured"`
	Victims      *Count     `json:"victims"`
	ReportedBy   *ActorRef  `json:"reported_by"`
	Evidence     []Span     `json:"evidence"`
}

// Relation types: the closed set of DESIGN.md.
const (
	Supports             = "supports"
	ResponsibleFor       = "responsible_for"
	Attacks              = "attacks"
	Condemns             = "condemns"
	Demands              = "demands"
	LinkedTo             = "linked_to"
	ClaimsResponsibility = "claims_responsibility"
	Denies               = "denies"
)

// RelationTypes lists the relations in a stable order.
var RelationTypes = []string{Supports, ResponsibleFor, Attacks, Condemns, Demands, LinkedTo, ClaimsResponsibility, Denies}

// Relation is what a claim states about two actors: subject → object.
type Relation struct {
	Type    string   `json:"type"`
	Subject ActorRef `json:"subject"`
	Object  ActorRef `json:"object"`
}

// Speech kinds of a claim.
const (
	Direct   = "direct"
	Indirect = "indirect"
)

// Claim is an attributed statement: who said what, with which cue.
type Claim struct {
	ID       string    `json:"id"`
	Speaker  ActorRef  `json:"speaker"`
	Cue      string    `json:"cue"`
	Kind     string    `json:"kind"`
	Text     string    `json:"text"`
	Relation *Relation `json:"relation"`
	Evidence []Span    `json:"evidence"`
}

// Actor types.
const (
	Person           = "person"
	ArmedGroup       = "armed_group"
	StateForce       = "state_force"
	Government       = "government"
	PoliticalParty   = "political_party"
	RightsGroup      = "rights_group"
	Media            = "media"
	InternationalOrg = "international_org"
	Country          = "country"
	Organisation     = "organisation" // any other named organisation
	Group            = "group"        // a class of people: "lawyers", "civilians"
	Facility         = "facility"     // a targeted place or object: "police academy"
	Practice         = "practice"     // an abuse named as the object of a claim: "enforced disappearances"
)

// Actor is an actor mentioned in a document.
type Actor struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Country  string   `json:"country,omitempty"`
	Aliases  []string `json:"aliases"`
	Mentions int      `json:"mentions"`
}

// Result is everything extracted from one document: the sitrep/v1 object.
type Result struct {
	Schema   string       `json:"schema"`
	Document DocumentInfo `json:"document"`
	Events   []Event      `json:"events"`
	Claims   []Claim      `json:"claims"`
	Actors   []Actor      `json:"actors"`
	Places   []Place      `json:"places"`
}

// Document is one input article: its text and what is known about it.
type Document struct {
	ID        string // caller's id (batch input); the content hash is derived from Text
	Text      string
	Published string // YYYY-MM-DD or ""
	Title     string
	Source    string
	URL       string
}

// AnnotateSchema versions the JSON of Annotation.
const AnnotateSchema = "sitrep-annotate/v1"

// Annotation is what the reader and recogniser found in one document, before
// extraction: the output of `sitrep annotate`, for debugging and evaluation.
type Annotation struct {
	Schema   string          `json:"schema"`
	Document DocumentInfo    `json:"document"`
	Dates    []DateMention   `json:"dates"`
	Numbers  []NumberMention `json:"numbers"`
	Actors   []ActorMention  `json:"actors"`
	Places   []PlaceMention  `json:"places"`
}

// DateMention is a date expression and its resolved value: YYYY-MM-DD,
// YYYY-MM or YYYY according to Precision; empty when it cannot be resolved.
type DateMention struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Value     string `json:"value"`
	Precision string `json:"precision"`
}

// NumberMention is a quantity in digits or words, with its range.
type NumberMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Low   *int   `json:"low"`
	Best  *int   `json:"best"`
	High  *int   `json:"high"`
}

// ActorMention is a span naming an actor.
type ActorMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	ID    string `json:"id"`
}

// PlaceMention is a toponym resolved to a gazetteer entry.
type PlaceMention struct {
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Text       string   `json:"text"`
	Name       string   `json:"name"`
	Lat        *float64 `json:"lat"`
	Lon        *float64 `json:"lon"`
	GeonamesID int      `json:"geonames_id,omitempty"`
	Precision  string   `json:"precision,omitempty"`
}

// Info describes doc for a result: its content hash and metadata.
func Info(doc Document) DocumentInfo {
	sum := sha256.Sum256([]byte(doc.Text))
	info := DocumentInfo{ID: "sha256:" + hex.EncodeToString(sum[:]), Title: doc.Title, Published: doc.Published, Source: doc.Source}
	if doc.URL != "" {
		u := doc.URL
		info.URL = &u
	}
	return info
}
