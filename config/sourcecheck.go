package config

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/fetch"
)

// MaxSourceName bounds a source's name: it is printed in tables, on the
// desk and as an article's publication.
const MaxSourceName = 120

// CheckSource is the one rule for a feed or page, whether it comes from
// the config file or the desk: an http or https URL the fetcher's guard
// would dial (sources.allow_loopback and allow_private as configured), a
// name of one printable line, and a section hint that is a section's
// title. The error names each field at fault ("url: …; section: …").
func (c *Config) CheckSource(s digest.LiveSource) error {
	ps := c.checkSource("", s)
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.field + ": " + p.msg
	}
	return &SourceError{fields: ps, msg: strings.Join(msgs, "; ")}
}

// SourceError is a source CheckSource refused, field by field.
type SourceError struct {
	fields []problem
	msg    string
}

func (e *SourceError) Error() string { return e.msg }

// Field is the first message about the named field ("url", "name",
// "section"), or "".
func (e *SourceError) Field(name string) string {
	for _, p := range e.fields {
		if p.field == name {
			return p.msg
		}
	}
	return ""
}

func (c *Config) checkSource(prefix string, s digest.LiveSource) []problem {
	var ps []problem
	add := func(field, format string, args ...any) {
		ps = append(ps, problem{prefix + field, fmt.Sprintf(format, args...)})
	}
	if s.Kind != digest.SourceFeed && s.Kind != digest.SourcePage {
		add("kind", "must be feed or page")
	}
	if err := fetch.CheckURL(s.URL, c.Sources.AllowLoopback, c.Sources.AllowPrivate); err != nil {
		addr, reason := fetch.BlockedReason(err)
		if reason == "" {
			add("url", "%q must be an http or https URL", digest.RedactURL(s.URL))
		} else {
			add("url", "%s is a %s address, which digest does not fetch from (sources.allow_loopback and "+
				"allow_private let a test or an intranet source through)", addr, reason)
		}
	}
	switch {
	case !utf8.ValidString(s.Name) || strings.ContainsFunc(s.Name, digest.Unprintable):
		add("name", "must be one line, without control or invisible characters")
	case utf8.RuneCountInString(s.Name) > MaxSourceName:
		add("name", "must be at most %d characters", MaxSourceName)
	}
	if s.Section != "" && c.sectionTitle(s.Section) == "" {
		add("section", "%q is not a section title", s.Section)
	}
	return ps
}

// sectionTitle is the section titled t (case aside), or "".
func (c *Config) sectionTitle(t string) string {
	for _, s := range c.Sections {
		if strings.EqualFold(s.Title, t) {
			return s.Title
		}
	}
	return ""
}
