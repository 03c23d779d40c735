package pipeline

import (
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Draft plans an edition from the articles given, dated at, the way a
// build plans one from the stored articles (screen, place, assemble),
// without a store, an editor's overrides or rendering. It exists so
// evaluations measure the edition readers get, not a copy of its logic.
func (b *Builder) Draft(arts []*digest.Article, at time.Time) *digest.Edition {
	sel := b.place(b.screen(arts, nil, nil, at), nil, nil)
	return b.assemble(sel, identity{id: "draft", at: at})
}
