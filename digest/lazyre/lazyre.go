// Package lazyre is a regular expression compiled on first use, as the Go
// tree's own internal/lazyregexp. Package-level expressions compiled with
// regexp.MustCompile run in every process at start-up, including the
// commands that never clean an article or read a feed; these wait until
// something matches. Under test they compile at once, so a bad expression
// still fails the first test that loads its package.
package lazyre

import (
	"regexp"
	"regexp/syntax"
	"sync"
	"testing"
)

// Regexp is a *regexp.Regexp compiled on first use.
type Regexp struct {
	expr string
	once sync.Once
	rx   *regexp.Regexp
	// literals are strings one of which every match holds (see
	// needs), or nil.
	literals []string
}

// New returns expr, to be compiled (and to panic if invalid, as
// regexp.MustCompile) on first use.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	if testing.Testing() {
		r.Re()
	}
	return r
}

// Re is the compiled expression.
func (r *Regexp) Re() *regexp.Regexp {
	r.once.Do(func() {
		r.rx = regexp.MustCompile(r.expr)
		if tree, err := syntax.Parse(r.expr, syntax.Perl); err == nil {
			r.literals = needs(tree.Simplify())
		}
	})
	return r.rx
}

// MatchString reports whether s holds a match, asking the prefilter
// first (see needs).
func (r *Regexp) MatchString(s string) bool {
	rx := r.Re()
	return (r.literals == nil || mayMatch(r.literals, Lower(s))) && rx.MatchString(s)
}

// MatchLower is MatchString for a caller that has low, Lower(s), already.
func (r *Regexp) MatchLower(s, low string) bool {
	rx := r.Re()
	return mayMatch(r.literals, low) && rx.MatchString(s)
}

// impossible reports that s holds none of the literals every match
// needs, so no Find can succeed.
func (r *Regexp) impossible(s string) bool {
	r.Re()
	return r.literals != nil && !mayMatch(r.literals, Lower(s))
}

func (r *Regexp) FindString(s string) string {
	if r.impossible(s) {
		return ""
	}
	return r.rx.FindString(s)
}

func (r *Regexp) FindStringIndex(s string) []int {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindStringIndex(s)
}

func (r *Regexp) FindStringSubmatch(s string) []string {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindStringSubmatch(s)
}

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindStringSubmatchIndex(s)
}

func (r *Regexp) FindAllString(s string, n int) []string {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindAllString(s, n)
}

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindAllStringIndex(s, n)
}

func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindAllStringSubmatch(s, n)
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if r.impossible(s) {
		return nil
	}
	return r.rx.FindAllStringSubmatchIndex(s, n)
}

func (r *Regexp) ReplaceAllString(src, repl string) string { return r.Re().ReplaceAllString(src, repl) }
func (r *Regexp) ReplaceAllStringFunc(src string, f func(string) string) string {
	return r.Re().ReplaceAllStringFunc(src, f)
}
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.Re().ReplaceAllLiteralString(src, repl)
}
func (r *Regexp) Split(s string, n int) []string { return r.Re().Split(s, n) }
func (r *Regexp) SubexpIndex(name string) int    { return r.Re().SubexpIndex(name) }
func (r *Regexp) String() string                 { return r.expr }
