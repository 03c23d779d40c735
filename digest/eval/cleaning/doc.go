// Package cleaning measures what cleaning makes of text nobody tuned it
// for, through exactly the path a file dropped in a drop folder takes
// (pipeline.ExplainBytes):
//
//   - real pages: each page of the article extraction benchmark as a
//     reader's select-all copy gives it (package pagetext), scored with
//     the benchmark's own metric against its true article text, and its
//     title against the page's og:title and <h1>;
//   - a synthetic set (package synth) whose every line is labelled, to
//     count furniture that reaches readers and body that is lost, by
//     family, tuned and held out.
package cleaning
