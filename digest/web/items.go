package web

import "github.com/digest-newsletter/digest/digest/desk"

// itemGroup is the articles of one section as the edition page lists
// them, or, with LeftOut set, the articles that are in no section: left
// out by the build or excluded by an editor, each with its reason.
type itemGroup struct {
	Title   string
	LeftOut bool
	Items   []desk.Item
}

// groupItems groups the desk's items by section in the config's section
// order, keeping the desk's order within a section, and puts the articles
// in no section last. A section the config no longer names still gets a
// group, in the order it first appears, so no article is hidden from the
// editor.
func groupItems(items []desk.Item, sections []string) []itemGroup {
	groups := make([]itemGroup, 0, len(sections)+1)
	index := make(map[string]int, len(sections))
	for _, s := range sections {
		if _, dup := index[s]; !dup {
			index[s] = len(groups)
			groups = append(groups, itemGroup{Title: s})
		}
	}
	var out []desk.Item
	for _, it := range items {
		if it.Section == "" {
			out = append(out, it)
			continue
		}
		i, ok := index[it.Section]
		if !ok {
			i = len(groups)
			index[it.Section] = i
			groups = append(groups, itemGroup{Title: it.Section})
		}
		groups[i].Items = append(groups[i].Items, it)
	}
	if len(out) > 0 {
		groups = append(groups, itemGroup{Title: "Left out", LeftOut: true, Items: out})
	}
	return groups
}
