package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
	"go.yaml.in/yaml/v3"
)

// A config mistake should say where, what and how to fix it: the YAML
// decoder's own messages name Go types ("cannot unmarshal !!str `five`
// into int", "field min_relevence not found in type config.Theme"), so
// they are rewritten here with the field's path and a suggestion.

var (
	lineMessage   = lazyre.New(`^line (\d+): (.*)$`)
	cannotDecode  = lazyre.New("cannot unmarshal !!(\\w+) `([^`]*)` into (\\S+)")
	unknownInType = lazyre.New(`field (\S+) not found in type (\S+)`)
)

// explain rewrites one decoder message, given the parsed document.
func explain(root *yaml.Node, msg string) string {
	m := lineMessage.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	line, _ := strconv.Atoi(m[1])
	desc := m[2]
	if u := unknownInType.FindStringSubmatch(desc); u != nil {
		desc = fmt.Sprintf("unknown field %q", u[1])
		if s := text.Closest(u[1], fieldNames(reflect.TypeOf(Config{}))); s != "" {
			desc += fmt.Sprintf(" (did you mean %q?)", s)
		}
		if u[1] == "password" {
			desc += " (a password never goes in the file: set DIGEST_SMTP_PASSWORD)"
		}
	} else if c := cannotDecode.FindStringSubmatch(desc); c != nil {
		desc = fmt.Sprintf("want %s, got %q", kindOf(c[3]), c[2])
	}
	if path := fieldAt(root, line); path != "" {
		return fmt.Sprintf("line %d: %s: %s", line, path, desc)
	}
	return fmt.Sprintf("line %d: %s", line, desc)
}

// kindOf names a Go type as a config reader would.
func kindOf(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "time.Duration":
		return "a duration such as 90s or 2h"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	}
	return "a " + goType
}

// fieldAt is the dotted path of the key on line, "" when none is.
func fieldAt(root *yaml.Node, line int) string {
	var walk func(n *yaml.Node, path string) string
	walk = func(n *yaml.Node, path string) string {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if p := walk(c, path); p != "" {
					return p
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, val := n.Content[i], n.Content[i+1]
				p := key.Value
				if path != "" {
					p = path + "." + key.Value
				}
				if key.Line == line && (val.Kind == yaml.ScalarNode || val.Line != line) {
					return p
				}
				if q := walk(val, p); q != "" {
					return q
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if q := walk(c, fmt.Sprintf("%s[%d]", path, i)); q != "" {
					return q
				}
				if c.Line == line && c.Kind == yaml.ScalarNode {
					return fmt.Sprintf("%s[%d]", path, i)
				}
			}
		}
		return ""
	}
	return walk(root, "")
}

// fieldNames lists every yaml field name of t, nested ones included.
func fieldNames(t reflect.Type) []string {
	var out []string
	seen := map[reflect.Type]bool{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" {
				out = append(out, name)
			}
			visit(f.Type)
		}
	}
	visit(t)
	return out
}
