package store

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"sitrep"
)

// MaxLimit caps one page of a list; ScanEvents and ScanClaims stream more.
const MaxLimit = 10000

// Check validates f and fills in defaults. paged says whether a zero Limit
// means DefaultLimit (lists) or no limit (scans).
func (f *EventFilter) Check(paged bool) error {
	if f.Type != "" && !slices.Contains(sitrep.EventTypes, f.Type) {
		return fmt.Errorf("event type %q is not one of %s: %w", f.Type, strings.Join(sitrep.EventTypes, ", "), ErrInvalid)
	}
	if err := checkDates(f.Since, f.Until); err != nil {
		return err
	}
	if f.Near != nil {
		if err := f.Near.Valid(); err != nil {
			return err
		}
	}
	if err := checkLanguage(f.Language); err != nil {
		return err
	}
	if f.Order != NewestFirst && f.Order != OldestFirst {
		return fmt.Errorf("order %q is not %q or %q: %w", f.Order, NewestFirst, OldestFirst, ErrInvalid)
	}
	return checkPage(&f.Limit, &f.Offset, paged)
}

// Check validates f and fills in defaults, as EventFilter.Check.
func (f *ClaimFilter) Check(paged bool) error {
	if err := checkDates(f.Since, f.Until); err != nil {
		return err
	}
	if err := checkLanguage(f.Language); err != nil {
		return err
	}
	return checkPage(&f.Limit, &f.Offset, paged)
}

// checkLanguage accepts "" or a language code: two or three lower-case
// letters (ISO 639-1, or 639-3 where a language has no two-letter code).
func checkLanguage(l string) error {
	if l == "" {
		return nil
	}
	ok := len(l) == 2 || len(l) == 3
	for _, c := range l {
		ok = ok && c >= 'a' && c <= 'z'
	}
	if !ok {
		return fmt.Errorf("language %q is not a code such as en or ur: %w", l, ErrInvalid)
	}
	return nil
}

// Check validates f and fills in defaults.
func (f *ActorFilter) Check() error { return checkPage(&f.Limit, &f.Offset, true) }

func checkDates(since, until string) error {
	for _, d := range []string{since, until} {
		if d != "" && !ValidDate(d) {
			return fmt.Errorf("date %q is not YYYY-MM-DD: %w", d, ErrInvalid)
		}
	}
	if since != "" && until != "" && until < since {
		return fmt.Errorf("until %s is before since %s: %w", until, since, ErrInvalid)
	}
	return nil
}

func checkPage(limit, offset *int, paged bool) error {
	if *limit < 0 || *offset < 0 {
		return fmt.Errorf("limit %d, offset %d: must not be negative: %w", *limit, *offset, ErrInvalid)
	}
	if paged {
		if *limit == 0 {
			*limit = DefaultLimit
		}
		*limit = min(*limit, MaxLimit)
	}
	return nil
}

// DateRange returns an event's start and end date, "" when it has none.
func DateRange(e sitrep.Event) (start, end string) {
	if e.Date == nil || !ValidDate(e.Date.Start) {
		return "", ""
	}
	start, end = e.Date.Start, e.Date.End
	if !ValidDate(end) || end < start {
		end = start
	}
	return start, end
}

// SpanDays is the length of an event's date range in days.
func SpanDays(start, end string) int {
	t0, err0 := time.Parse(time.DateOnly, start)
	t1, err1 := time.Parse(time.DateOnly, end)
	if err0 != nil || err1 != nil {
		return 0
	}
	return int(t1.Sub(t0).Hours() / 24)
}

// InDates reports whether the range start..end overlaps since..until; an
// undated event matches only when no bound is given.
func InDates(start, end, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if start == "" {
		return false
	}
	return (since == "" || end >= since) && (until == "" || start <= until)
}

// MatchesPlace reports whether p matches a place filter.
func MatchesPlace(p *sitrep.Place, q string) bool {
	if p == nil {
		return false
	}
	return strings.EqualFold(p.Name, q) || strings.EqualFold(p.Admin1, q) || strings.EqualFold(p.Country, q)
}
