package consolidate

// Day numbers are days since 1970-01-01 in the proleptic Gregorian calendar.
// The index compares millions of dates, so it parses ISO dates by hand into
// integers instead of building time.Time values.

// parseDay reads "YYYY-MM-DD", "YYYY-MM" or "YYYY" and returns the first and
// last day it covers. ok is false for anything else, including impossible
// dates such as 2023-02-30.
func parseDay(s string) (first, last int32, ok bool) {
	num := func(t string) (int, bool) {
		if t == "" {
			return 0, false
		}
		n := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	switch len(s) {
	case 4:
		y, ok := num(s)
		if !ok || y < 1 {
			return 0, 0, false
		}
		return daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31), true
	case 7:
		if s[4] != '-' {
			return 0, 0, false
		}
		y, ok1 := num(s[:4])
		m, ok2 := num(s[5:7])
		if !ok1 || !ok2 || y < 1 || m < 1 || m > 12 {
			return 0, 0, false
		}
		return daysFromCivil(y, m, 1), daysFromCivil(y, m, monthLen(y, m)), true
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return 0, 0, false
		}
		y, ok1 := num(s[:4])
		m, ok2 := num(s[5:7])
		d, ok3 := num(s[8:10])
		if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > monthLen(y, m) {
			return 0, 0, false
		}
		n := daysFromCivil(y, m, d)
		return n, n, true
	}
	return 0, 0, false
}

func monthLen(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's days_from_civil algorithm.
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// civilFromDays is the inverse of daysFromCivil, for messages and tests.
func civilFromDays(z int32) (y, m, d int) {
	zz := int(z) + 719468
	era := zz / 146097
	if zz < 0 && zz%146097 != 0 {
		era = (zz - 146096) / 146097
	}
	doe := zz - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func formatDay(z int32) string {
	y, m, d := civilFromDays(z)
	b := []byte("0000-00-00")
	put := func(at, n, width int) {
		for i := width - 1; i >= 0; i-- {
			b[at+i] = byte('0' + n%10)
			n /= 10
		}
	}
	put(0, y, 4)
	put(5, m, 2)
	put(8, d, 2)
	return string(b)
}
