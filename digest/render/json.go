package render

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// JSON renders the edition in the shape of its json tags, indented by two
// spaces. Lists that are empty come out as [] rather than null, so tools
// reading the contract can iterate without checking; the caller's edition
// is left untouched. HTML characters are not escaped: this is a data file
// editors read, and "R&D" reads better than "R\u0026D".
func JSON(e *digest.Edition) ([]byte, error) {
	if e == nil {
		return nil, fmt.Errorf("render json: no edition")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(normalized(e)); err != nil {
		return nil, fmt.Errorf("render json: %w", err)
	}
	return buf.Bytes(), nil
}

// normalized returns a copy of e in which every nil slice is empty. The
// slices are new, so nothing the caller holds is written to.
func normalized(e *digest.Edition) *digest.Edition {
	c := *e
	c.Lead = nonNil(e.Lead)
	c.LeftOut = nonNil(e.LeftOut)
	c.Sections = make([]digest.Section, len(e.Sections))
	for i, s := range e.Sections {
		s.Summary = nonNil(s.Summary)
		items := make([]digest.Item, len(s.Items))
		for j, it := range s.Items {
			it.Authors = nonNil(it.Authors)
			it.Summary = nonNil(it.Summary)
			items[j] = it
		}
		s.Items = items
		c.Sections[i] = s
	}
	return &c
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
