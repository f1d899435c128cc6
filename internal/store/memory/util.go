package memory

import (
	"encoding/json"
	"fmt"

	"sitrep"
)

func jsonUnmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("memory: copy result: %w", err)
	}
	return nil
}

// cloneEvent deep-copies an event so callers cannot change stored state.
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

// mustJSON encodes a value of plain fields, which cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("memory: encode: %v", err))
	}
	return b
}
