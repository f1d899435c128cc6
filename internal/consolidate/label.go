package consolidate

import (
	"cmp"
	"strings"
)

// Label names an incident by what, when and where: "armed attack ·
// 2025-04-22 · Pahalgam".
func (inc *Incident) Label() string {
	s := strings.ReplaceAll(inc.Type, "_", " ") + " · " + cmp.Or(inc.Date.Start, "undated")
	if inc.Place != nil && inc.Place.Name != "" {
		s += " · " + inc.Place.Name
	}
	return s
}
