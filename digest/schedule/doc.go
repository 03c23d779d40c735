// Package schedule decides when editions are due and ticks the daemon.
//
// A schedule is a five-field cron spec or a descriptor (@daily, @weekly, …),
// read by robfig/cron's parser, in one time zone. Its slots are wall-clock
// times in that zone: "08:00 every Monday in Tokyo". Each slot has a key,
// "2025-11-02T01:30 America/New_York", that names the wall-clock time and the
// zone, so the same slot has the same key after a restart, across daylight
// saving changes and after a time zone database update; the store keeps one
// edition per key.
//
// robfig/cron computes the next time on real instants and, around daylight
// saving changes, skips a time inside the spring-forward gap and fires twice in
// the repeated autumn hour. This package instead enumerates the spec on a
// wall-clock timeline (wall times written as UTC, where no DST exists) and maps
// every wall time to the instant it runs:
//
//   - a wall time that exists once runs at that instant;
//   - a wall time that exists twice (01:30 on 2025-11-02 in New York) runs at
//     its first occurrence only; the repeated hour fires no second slot;
//   - a wall time inside a gap (02:30 on 2025-03-09 in New York) runs at the
//     first instant after the gap (03:00 EDT), so no slot is lost;
//   - when several wall times end up at the same instant (02:00 and 03:00 of
//     an hourly schedule on a spring-forward day) they are one slot, keyed by
//     the latest of them: an edition per tick, never two at once.
//
// Plan turns the slots missed while the daemon was down into one run and a
// list of skips with human reasons. Cron wraps robfig/cron for the ticking and
// Lock keeps a second daemon off the same database.
package schedule
