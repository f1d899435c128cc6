package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// PrepareEdit checks an edit before it is stored: its key, status, field
// and that its value parses.
func PrepareEdit(e Edit, now time.Time) (Edit, error) {
	if _, _, err := SplitKey(e.EventKey); err != nil {
		return e, err
	}
	if strings.TrimSpace(e.Who) == "" {
		return e, fmt.Errorf("edit of %s: who made it is required: %w", e.EventKey, ErrInvalid)
	}
	switch e.Status {
	case EditConfirm, EditReject:
		if e.Field != "" || e.Value != "" {
			return e, fmt.Errorf("edit of %s: %s takes no field or value: %w", e.EventKey, e.Status, ErrInvalid)
		}
	case EditValue:
		var probe sitrep.Event
		if err := setField(&probe, e.Field, e.Value); err != nil {
			return e, fmt.Errorf("edit of %s: %w", e.EventKey, err)
		}
	default:
		return e, fmt.Errorf("edit of %s: status %q is not confirm, reject or edit: %w", e.EventKey, e.Status, ErrInvalid)
	}
	if e.At.IsZero() {
		e.At = now
	}
	e.At = Timestamp(e.At)
	e.ID, e.LogIndex = 0, 0
	return e, nil
}

// PrepareDecision checks a decision before it is stored. A merge names at
// least two distinct events and nothing apart; a split names the one event
// split off and at least one event it must not rejoin, not itself. Keys
// are kept in the order given, without duplicates.
func PrepareDecision(d Decision, now time.Time) (Decision, error) {
	bad := func(format string, a ...any) (Decision, error) {
		return d, fmt.Errorf("%s decision: %s: %w", d.Kind, fmt.Sprintf(format, a...), ErrInvalid)
	}
	if strings.TrimSpace(d.Who) == "" {
		return bad("who made it is required")
	}
	keys, err := uniqueKeys(d.Keys)
	if err != nil {
		return d, fmt.Errorf("%s decision: %w", d.Kind, err)
	}
	apart, err := uniqueKeys(d.Apart)
	if err != nil {
		return d, fmt.Errorf("%s decision: apart: %w", d.Kind, err)
	}
	switch d.Kind {
	case DecisionMerge:
		if len(keys) < 2 {
			return bad("needs at least two events, got %d", len(keys))
		}
		if len(apart) > 0 {
			return bad("takes no apart events")
		}
	case DecisionSplit:
		if len(keys) != 1 {
			return bad("needs exactly the one event split off, got %d", len(keys))
		}
		if len(apart) == 0 {
			return bad("needs the events %s must not rejoin", keys[0])
		}
		if slices.Contains(apart, keys[0]) {
			return bad("%s cannot be apart from itself", keys[0])
		}
	default:
		return d, fmt.Errorf("decision kind %q is not %s or %s: %w", d.Kind, DecisionMerge, DecisionSplit, ErrInvalid)
	}
	d.Keys, d.Apart = keys, apart
	if d.At.IsZero() {
		d.At = now
	}
	d.At = Timestamp(d.At)
	d.ID, d.LogIndex = 0, 0
	return d, nil
}

// uniqueKeys checks event keys and drops repeats, keeping the first.
func uniqueKeys(keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		if _, _, err := SplitKey(k); err != nil {
			return nil, err
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// ApplyEdits returns ev with edits applied in order (callers pass them
// oldest first), the review state they leave, and whether any field was
// changed. Edits that no longer parse are skipped, so that a stored edit can
// never make an event unreadable.
func ApplyEdits(ev sitrep.Event, edits []Edit) (out sitrep.Event, review string, edited bool) {
	if len(edits) == 0 {
		return ev, ReviewNone, false
	}
	out = cloneEvent(ev)
	for _, e := range edits {
		switch e.Status {
		case EditConfirm:
			review = ReviewConfirmed
		case EditReject:
			review = ReviewRejected
		case EditValue:
			if setField(&out, e.Field, e.Value) == nil {
				edited = true
			}
		}
	}
	return out, review, edited
}

// cloneEvent deep-copies ev so that edits never alias the extraction.
func cloneEvent(ev sitrep.Event) sitrep.Event {
	b, err := json.Marshal(ev)
	if err != nil {
		return ev
	}
	var out sitrep.Event
	if json.Unmarshal(b, &out) != nil {
		return ev
	}
	return out
}

func setField(ev *sitrep.Event, field, value string) error {
	value = strings.TrimSpace(value)
	bad := func(why string) error {
		return fmt.Errorf("field %s: value %q %s: %w", field, value, why, ErrInvalid)
	}
	place := func() *sitrep.Place {
		if ev.Place == nil {
			ev.Place = &sitrep.Place{}
		}
		return ev.Place
	}
	switch field {
	case FieldType:
		if !slices.Contains(sitrep.EventTypes, value) {
			return bad("is not an event type")
		}
		ev.Type = value
	case FieldModality:
		switch value {
		case sitrep.Asserted, sitrep.Alleged, sitrep.Claimed, sitrep.Planned, sitrep.Denied:
			ev.Modality = value
		default:
			return bad("is not a modality")
		}
	case FieldSuicide:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return bad("is not true or false")
		}
		ev.Suicide = b
	case FieldDate:
		if value == "" {
			ev.Date = nil
			return nil
		}
		start, end, isRange := strings.Cut(value, "/")
		if !isRange {
			end = start
		}
		t0, err0 := time.Parse(time.DateOnly, start)
		t1, err1 := time.Parse(time.DateOnly, end)
		if err0 != nil || err1 != nil || t1.Before(t0) {
			return bad("is not YYYY-MM-DD or START/END")
		}
		prec := sitrep.PrecisionDay
		switch days := t1.Sub(t0).Hours() / 24; {
		case days == 0:
		case days <= 7:
			prec = sitrep.PrecisionWeek
		case days <= 31:
			prec = sitrep.PrecisionMonth
		default:
			prec = sitrep.PrecisionYear
		}
		ev.Date = &sitrep.Date{Start: start, End: end, Precision: prec}
	case FieldPlace:
		if value == "" {
			ev.Place = nil
			return nil
		}
		p := place()
		// A new name makes the old gazetteer match meaningless.
		p.Name, p.Lat, p.Lon, p.GeonamesID = value, nil, nil, 0
	case FieldAdmin1:
		place().Admin1 = value
	case FieldCountry:
		if value != "" && len(value) != 2 {
			return bad("is not a two-letter country code")
		}
		place().Country = strings.ToUpper(value)
	case FieldLocation:
		if value == "" {
			if ev.Place != nil {
				ev.Place.Lat, ev.Place.Lon = nil, nil
			}
			return nil
		}
		a, b, ok := strings.Cut(value, ",")
		lat, err0 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		lon, err1 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if !ok || err0 != nil || err1 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return bad("is not LAT,LON in degrees")
		}
		p := place()
		p.Lat, p.Lon = &lat, &lon
		p.Precision = sitrep.PlacePoint
	case FieldKilled, FieldInjured:
		var c *sitrep.Count
		if value != "" {
			lo, hi, isRange := strings.Cut(value, "-")
			l, err0 := strconv.Atoi(strings.TrimSpace(lo))
			h := l
			var err1 error
			if isRange {
				h, err1 = strconv.Atoi(strings.TrimSpace(hi))
			}
			if err0 != nil || err1 != nil || l < 0 || h < l {
				return bad("is not N or LOW-HIGH")
			}
			c = &sitrep.Count{Low: &l, High: &h}
			if !isRange || l == h {
				best := l
				c.Best = &best
			}
		}
		if field == FieldKilled {
			ev.Killed = c
		} else {
			ev.Injured = c
		}
	default:
		return fmt.Errorf("field %q is not editable (one of %s): %w", field, strings.Join(EditFields, ", "), ErrInvalid)
	}
	return nil
}
