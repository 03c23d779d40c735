package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/ingest"
	"github.com/digest-newsletter/digest/digest/summarize"
	"github.com/digest-newsletter/digest/digest/text"
)

// Doc is one article of a summary corpus with its reference extract.
type Doc struct {
	Topic   string
	Article *digest.Article
	// Body is the article's sentences as text.Sentences splits its
	// paragraphs, headline excluded: what every system chooses from.
	Body []string
	// Reference is the reference summary split into sentences.
	Reference []string
}

// TuningTopics are the BBC topics the engine may be tuned on.
func TuningTopics() []string { return []string{"business", "entertainment", "politics"} }

// HeldOutTopics are the BBC topics kept for judging the tuning, so a
// gain that only fits the tuning topics shows.
func HeldOutTopics() []string { return []string{"sport", "tech"} }

// LoadBBC reads the BBC News Summary corpus laid out as
// articles/<topic>/NNN.txt (headline on the first line, then the body)
// and summaries/<topic>/NNN.txt, for the given topics or, with none, all
// of them. Documents come sorted by topic and file name; IDs are
// "<topic>/NNN".
func LoadBBC(dir string, topics []string) ([]Doc, error) {
	articles := filepath.Join(dir, "articles")
	entries, err := os.ReadDir(articles)
	if err != nil {
		return nil, fmt.Errorf("bbc corpus %s: %w", dir, err)
	}
	var found []string
	for _, e := range entries {
		if e.IsDir() {
			found = append(found, e.Name())
		}
	}
	for _, t := range topics {
		if !slices.Contains(found, t) {
			return nil, fmt.Errorf("bbc corpus %s: no topic %q (have %s)", dir, t, strings.Join(found, ", "))
		}
	}
	var docs []Doc
	for _, topic := range found {
		if len(topics) > 0 && !slices.Contains(topics, topic) {
			continue
		}
		names, err := fs.Glob(os.DirFS(filepath.Join(articles, topic)), "*.txt")
		if err != nil {
			return nil, fmt.Errorf("bbc corpus %s: %w", dir, err)
		}
		for _, name := range names {
			d, err := readDoc(dir, topic, name)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("bbc corpus %s: no articles", dir)
	}
	return docs, nil
}

func readDoc(dir, topic, name string) (Doc, error) {
	body, err := readText(filepath.Join(dir, "articles", topic, name))
	if err != nil {
		return Doc{}, err
	}
	ref, err := readText(filepath.Join(dir, "summaries", topic, name))
	if err != nil {
		return Doc{}, err
	}
	a := ParseArticle(topic+"/"+strings.TrimSuffix(name, ".txt"), body)
	d := Doc{Topic: topic, Article: a, Reference: SplitReference(ref)}
	for _, p := range a.Paragraphs {
		d.Body = append(d.Body, text.Sentences(p)...)
	}
	return d, nil
}

func readText(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	s, _, err := ingest.Decode(data)
	if err != nil && !errors.Is(err, ingest.ErrEmpty) {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}

// ParseArticle reads a corpus file: the first line is the headline, and
// blank lines separate the paragraphs of the body.
func ParseArticle(id, s string) *digest.Article {
	title, body, _ := strings.Cut(s, "\n")
	a := &digest.Article{ID: id, Title: strings.TrimSpace(title)}
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
		}
	}
	return a
}

// SplitReference splits a reference summary into sentences. The corpus
// joins its sentences with no space after the full stop
// ("…from $10.9bn.For the full-year…"), which an ordinary splitter rightly
// reads as a decimal or an inner dot, so here a full stop, question or
// exclamation mark directly followed by a capital letter, or by a quote
// that opens a word, ends a sentence too; text.Sentences then splits the
// pieces where they hold ordinary boundaries.
func SplitReference(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c == '.' || c == '?' || c == '!') && gluedSentenceStart(s[i+1:]) {
			out = append(out, text.Sentences(s[start:i+1])...)
			start = i + 1
		}
	}
	return append(out, text.Sentences(s[start:])...)
}

// gluedSentenceStart reports whether s opens a sentence with no space
// before it: a capital, or an opening quote and then a letter or digit.
func gluedSentenceStart(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return true
	}
	if r != '"' && r != '\'' && r != '“' && r != '‘' {
		return false
	}
	r, _ = utf8.DecodeRuneInString(s[n:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// The systems a SummaryReport compares, in the order it lists them.
const (
	SystemLead    = "Lead"
	SystemLexRank = "LexRank"
	SystemDigest  = "digest"
)

// SummaryReport holds each system's scores on each document.
type SummaryReport struct {
	// Sentences is the length of every summary.
	Sentences int
	Docs      []Doc
	Systems   []string
	scores    map[string][]Scores
}

// Summaries scores summaries of n sentences by three systems: Lead (the
// first n sentences of the body), LexRank over the docs, and the engine
// (summarize.New over the docs, then Article with n sentences and no
// word limit). Documents are scored in parallel.
func Summaries(ctx context.Context, docs []Doc, n int) (*SummaryReport, error) {
	arts := make([]*digest.Article, len(docs))
	bodies := make([][]string, len(docs))
	for i, d := range docs {
		arts[i], bodies[i] = d.Article, d.Body
	}
	var engine *summarize.Engine
	var lex *LexRank
	var wg sync.WaitGroup
	wg.Go(func() { engine = summarize.New(arts, summarize.Options{}) })
	wg.Go(func() { lex = NewLexRank(bodies) })
	wg.Wait()
	systems := map[string]func(Doc) []string{
		SystemLead:    func(d Doc) []string { return d.Body[:min(n, len(d.Body))] },
		SystemLexRank: func(d Doc) []string { return lex.Summarize(d.Body, n) },
		SystemDigest:  func(d Doc) []string { return engine.Article(d.Article.ID, n, math.MaxInt32, nil) },
	}
	r := &SummaryReport{Sentences: n, Docs: docs, Systems: []string{SystemLead, SystemLexRank, SystemDigest},
		scores: map[string][]Scores{}}
	for _, name := range r.Systems {
		r.scores[name] = make([]Scores, len(docs))
	}
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs) && ctx.Err() == nil; i += workers {
				for _, name := range r.Systems {
					r.scores[name][i] = Rouge(systems[name](docs[i]), docs[i].Reference)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// Mean averages a system's scores over the documents of the given
// topics, or over all documents without any.
func (r *SummaryReport) Mean(system string, topics []string) Mean {
	var m Mean
	for i, d := range r.Docs {
		if len(topics) == 0 || slices.Contains(topics, d.Topic) {
			m.Add(r.scores[system][i])
		}
	}
	return m
}

// WriteTable prints F-scores in percent, R-1 R-2 R-L, a row per system:
// first over all topics, the tuning topics and the held-out ones, then
// topic by topic. Groups without documents are left out.
func (r *SummaryReport) WriteTable(w io.Writer) error {
	var topics []group
	for _, d := range r.Docs {
		if len(topics) == 0 || topics[len(topics)-1].name != d.Topic {
			topics = append(topics, group{d.Topic, []string{d.Topic}})
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ROUGE F-score (%%) of %d-sentence summaries\n\n", r.Sentences)
	r.writeRows(&b, []group{{"all", nil}, {"tuning", TuningTopics()}, {"held-out", HeldOutTopics()}})
	b.WriteString("\n")
	r.writeRows(&b, topics)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

// group is a column of the table: the documents of some topics.
type group struct {
	name   string
	topics []string
}

func (r *SummaryReport) writeRows(b *strings.Builder, groups []group) {
	groups = slices.DeleteFunc(slices.Clone(groups), func(g group) bool { return r.Mean(SystemLead, g.topics).N() == 0 })
	fmt.Fprintf(b, "%-12s", "")
	for _, g := range groups {
		fmt.Fprintf(b, "  %-19s", fmt.Sprintf("%s (%d)", g.name, r.Mean(SystemLead, g.topics).N()))
	}
	fmt.Fprintf(b, "\n%-12s", "")
	for range groups {
		fmt.Fprintf(b, "  %-19s", "  R-1   R-2   R-L")
	}
	b.WriteString("\n")
	for _, name := range r.Systems {
		fmt.Fprintf(b, "%-12s", fmt.Sprintf("%s-%d", name, r.Sentences))
		for _, g := range groups {
			s := r.Mean(name, g.topics).Scores()
			fmt.Fprintf(b, "  %5.1f %5.1f %5.1f  ", 100*s.R1.F, 100*s.R2.F, 100*s.RL.F)
		}
		b.WriteString("\n")
	}
}
