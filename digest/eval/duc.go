package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
)

// DUCHowTo says where the DUC data comes from, for every message that
// finds it missing.
const DUCHowTo = "fetch the public repository gsandeep1241/TextSummarizer, `git archive HEAD DUC_data | tar x`, " +
	"then `python3 ../shared/tools/duc-convert.py DUC_data ~/.cache/digest` and pass --data ~/.cache/digest/duc2006 " +
	"(or set DIGEST_DUC_DATA); it is NIST data: never commit it"

// Cluster is one DUC topic: its articles (cleaned as `digest summarize`
// cleans files), the reader's statement of what
// they want, the human summaries and the official systems' summaries.
type Cluster struct {
	ID string
	// Topic is the title and narrative of the DUC topic statement.
	Topic    string
	Articles []*digest.Article
	// Models are the human summaries, each as its lines.
	Models [][]string
	// Peers are NIST's participants' summaries by system id.
	Peers map[string][]string
}

// Official is NIST's jackknifed ROUGE recall of one summarizer.
type Official struct {
	System string
	Recall Recall
}

// DUC is a converted DUC data set (see DUCHowTo).
type DUC struct {
	Dir      string
	Clusters []*Cluster
	Official []Official
}

// OfficialWords is the summary length NIST set for the data: the longest
// human summary, as the assessors wrote up to it (250 words in DUC 2006,
// 100 in the DUC 2007 update task). NIST's own figures are for that
// length, so the scorer is checked against them at it, whatever length
// the summaries being compared are cut to.
func (d *DUC) OfficialWords() int {
	longest := 0
	for _, c := range d.Clusters {
		for _, m := range c.Models {
			n := 0
			for _, line := range m {
				n += len(strings.Fields(line))
			}
			longest = max(longest, n)
		}
	}
	return longest
}

// LoadDUC reads the folder duc-convert.py writes for one DUC set:
// docs/<cluster>/<docid>.txt, models/<cluster>.<letter>.txt,
// topics/<cluster>.txt, peers/<cluster>.<system>.txt and
// official_rouge_recall.tsv. Clusters come sorted by id, articles by
// date then id.
func LoadDUC(dir string) (*DUC, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "docs"))
	if err != nil {
		return nil, fmt.Errorf("duc data %s: %w (%s)", dir, err, DUCHowTo)
	}
	d := &DUC{Dir: dir}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := loadCluster(dir, e.Name())
		if err != nil {
			return nil, err
		}
		d.Clusters = append(d.Clusters, c)
	}
	if len(d.Clusters) == 0 {
		return nil, fmt.Errorf("duc data %s: no clusters under docs/ (%s)", dir, DUCHowTo)
	}
	sort.Slice(d.Clusters, func(i, j int) bool { return d.Clusters[i].ID < d.Clusters[j].ID })
	if d.Official, err = readOfficial(filepath.Join(dir, "official_rouge_recall.tsv")); err != nil {
		return nil, err
	}
	return d, nil
}

func loadCluster(dir, id string) (*Cluster, error) {
	c := &Cluster{ID: id, Peers: map[string][]string{}}
	docs, err := filepath.Glob(filepath.Join(dir, "docs", id, "*.txt"))
	if err != nil {
		return nil, err
	}
	for _, p := range docs {
		body, err := readText(p)
		if err != nil {
			return nil, err
		}
		docID := strings.TrimSuffix(filepath.Base(p), ".txt")
		a, err := clean.Article(digest.Document{Name: p, Origin: digest.OriginFile, Text: body, Published: docDate(docID)}, clean.Options{})
		if err != nil {
			continue // nothing left to read: a system could not use it either
		}
		a.ID = id + "/" + docID
		c.Articles = append(c.Articles, a)
	}
	sort.SliceStable(c.Articles, func(i, j int) bool {
		a, b := c.Articles[i], c.Articles[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		return a.ID < b.ID
	})
	models, err := filepath.Glob(filepath.Join(dir, "models", id+".*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(models)
	for _, p := range models {
		lines, err := readLines(p)
		if err != nil {
			return nil, err
		}
		c.Models = append(c.Models, lines)
	}
	if len(c.Models) == 0 {
		return nil, fmt.Errorf("duc data %s: cluster %s has no models/%s.*.txt", dir, id, id)
	}
	if topic, err := readText(filepath.Join(dir, "topics", id+".txt")); err == nil {
		c.Topic = strings.Join(strings.Fields(topic), " ")
	}
	peers, err := filepath.Glob(filepath.Join(dir, "peers", id+".*.txt"))
	if err != nil {
		return nil, err
	}
	for _, p := range peers {
		system := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), id+"."), ".txt")
		if c.Peers[system], err = readLines(p); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// docDate reads the date in a DUC document id (APW19990707.0181,
// NYT20000108.0062, XIE19960101.0001); zero when it has none.
func docDate(id string) time.Time {
	i := strings.IndexAny(id, "0123456789")
	if i < 0 || len(id) < i+8 {
		return time.Time{}
	}
	t, err := time.Parse("20060102", id[i:i+8])
	if err != nil {
		return time.Time{}
	}
	return t
}

func readLines(path string) ([]string, error) {
	s, err := readText(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// readOfficial reads NIST's scores: a header, then summarizer, R-1, R-2
// and R-SU4 recall per line.
func readOfficial(path string) ([]Official, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("duc official scores: %w", err)
	}
	defer f.Close()
	var out []Official
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(strings.TrimSpace(sc.Text()), "\t")
		if line == 1 || len(fields) == 1 && fields[0] == "" {
			continue
		}
		if len(fields) != 4 {
			return nil, fmt.Errorf("%s: line %d: want 4 tab-separated fields, got %d", path, line, len(fields))
		}
		var r [3]float64
		for k := range 3 {
			if r[k], err = strconv.ParseFloat(fields[k+1], 64); err != nil {
				return nil, fmt.Errorf("%s: line %d: field %d: %w", path, line, k+2, err)
			}
		}
		out = append(out, Official{System: fields[0], Recall: Recall{R1: r[0], R2: r[1], SU4: r[2]}})
	}
	return out, sc.Err()
}

// Halves splits the clusters for tuning and judging: the first half by
// id is the one settings may be chosen on, the second is held out.
func (d *DUC) Halves() (tune, held []*Cluster) {
	n := len(d.Clusters) / 2
	return d.Clusters[:n], d.Clusters[n:]
}
