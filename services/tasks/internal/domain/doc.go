// Package domain holds the tasks service's business: a task (one unit's
// obligation), its status machine, the four follow-up classes, how tasks
// arise from issued documents, and who sees a task.
//
// Choices this package makes, so that the rest of the service need not:
//
//   - Dates are civil dates in Asia/Ho_Chi_Minh; a due date ends at the last
//     instant of that day there (see Date.End).
//   - The follow-up class is computed when a task is read (Classify), never
//     stored; overdue is never stored either.
//   - A cancelled task is not counted in the four classes (Counted is false):
//     the obligation was withdrawn, so it is neither done nor late. Its class
//     is still reported, frozen at the moment of cancellation: the open class
//     it had then (open_within_deadline or open_overdue), so a task
//     cancelled in time never turns "overdue" afterwards. Progress views and
//     statistics must skip tasks that are not Counted.
//   - Visibility: staff of the assigner's agency and of the assignee's agency
//     (CanSee). The caller's agency comes from the access token. A unit's
//     agency comes from the unit tree built from identity events; when the
//     tree does not know a unit yet, the application asks identity (with the
//     caller's token) and caches the answer. Two cases need no lookup at
//     all: a task unit that equals the caller's agency id is that agency
//     itself, and a task unit that equals the caller's unit lies in the
//     caller's agency.
package domain
