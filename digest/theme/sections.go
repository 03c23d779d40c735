package theme

import (
	"slices"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// centroidShare is how much a section's centroid counts against its own
// words once it has members: what the articles placed there have in
// common describes the section better than a dozen keywords, while the
// keywords keep it anchored to what the editor meant.
const centroidShare = 0.75

// refineRounds is how often section centroids are recomputed. One or two
// rounds settle; more only chase noise.
const refineRounds = 2

// Placement is the section an article landed in and how well it fits.
type Placement struct {
	Section int
	Score   float64
}

// Place puts every article in exactly one section. It starts from each
// section's own words (title, description, keywords) and then lets the
// articles themselves sharpen the sections: each section's centroid, from
// the articles that fit it best, joins its description. That way a
// section about "sport" also attracts articles that never use the word
// but read like the others placed there.
func Place(arts []*digest.Article, specs []digest.SectionSpec) []Placement {
	profiles := make([]*Profile, len(arts))
	for i, a := range arts {
		profiles[i] = NewProfile(a)
	}
	return PlaceProfiles(profiles, specs)
}

// PlaceProfiles is Place of articles already read (see NewProfile).
func PlaceProfiles(profiles []*Profile, specs []digest.SectionSpec) []Placement {
	out := make([]Placement, len(profiles))
	if len(specs) == 0 {
		return out
	}
	idf := text.NewIDF()
	for _, p := range profiles {
		terms := make([]string, len(p.terms))
		for i, x := range p.terms {
			terms[i] = x.t
		}
		idf.AddDoc(terms)
	}
	vecs := make([]text.Vector, len(profiles))
	for i, p := range profiles {
		v := p.vector()
		for t := range v {
			v[t] *= idf.Weight(t)
		}
		vecs[i] = unit(v)
	}
	queries := make([]text.Vector, len(specs))
	for s, spec := range specs {
		q := queryVector(spec.Title, spec.Description, spec.Keywords)
		for t := range q {
			q[t] *= idf.Weight(t)
		}
		queries[s] = unit(q)
	}
	assign := func(centroids []text.Vector) {
		for i, v := range vecs {
			best, bestScore := 0, -1.0
			for s := range specs {
				// All vectors are unit length, so a dot product is their cosine.
				score := text.Dot(v, queries[s])
				if centroids != nil && len(centroids[s]) > 0 {
					score = centroidShare*text.Dot(v, centroids[s]) + (1-centroidShare)*score
				}
				if score > bestScore {
					best, bestScore = s, score
				}
			}
			out[i] = Placement{Section: best, Score: bestScore}
		}
	}
	assign(nil)
	for round := 0; round < refineRounds && len(profiles) > len(specs); round++ {
		assign(centroids(vecs, out, len(specs)))
	}
	return out
}

// centroids averages, per section, the vectors of the articles placed
// there whose fit is at least that section's median, so stray articles do
// not pull a section off course.
func centroids(vecs []text.Vector, places []Placement, n int) []text.Vector {
	scores := make([][]float64, n)
	for _, p := range places {
		scores[p.Section] = append(scores[p.Section], p.Score)
	}
	out := make([]text.Vector, n)
	for s := range out {
		if len(scores[s]) == 0 {
			continue
		}
		bar := median(scores[s])
		c := text.Vector{}
		for i, p := range places {
			if p.Section == s && p.Score >= bar {
				c.Add(vecs[i], 1)
			}
		}
		out[s] = unit(c)
	}
	return out
}

func unit(v text.Vector) text.Vector {
	n := v.Norm()
	if n == 0 {
		return v
	}
	for t := range v {
		v[t] /= n
	}
	return v
}

func median(xs []float64) float64 {
	c := slices.Clone(xs)
	slices.Sort(c)
	return c[len(c)/2]
}
