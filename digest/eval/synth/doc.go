// Package synth makes a labelled set of article files for measuring
// cleaning: real news prose from the BBC News Summary corpus (read at run
// time, never copied) wrapped in page furniture of many families, laid
// out as people paste pages into a drop folder. Every line of every file
// is labelled with what it is (body, title or the furniture family), so
// an evaluation can count the furniture that reaches readers and the
// body that is lost.
//
// Furniture wordings are templates with slots and alternatives combined
// at random (see template.go), so no family is a fixed list of lines. A
// third of the families are held out of tuning (HeldOutFamilies) and
// appear only in held-out articles, so gains that do not generalize
// show. Generation is deterministic for a seed.
package synth
