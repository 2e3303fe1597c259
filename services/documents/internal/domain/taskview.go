package domain

// TaskView is what the documents service keeps of a task: enough to tell
// when a direction is carried out and to write a plan's consolidated report.
type TaskView struct {
	TaskID           string
	SourceDocumentID string
	PlanItemID       string
	ParentTaskID     string
	AssignerUnitID   string
	AssignerAgencyID string
	AssigneeUnitID   string
	Role             string
	DueDate          string
	Status           string
	// Progress and Reported change only with a report (HasReport).
	Progress  int
	Reported  bool
	HasReport bool
	Class     string // set when the task completes
	UpdatedAt string
	// The latest report's text (empty for a task that is not of normal
	// confidentiality) and submission time (store.TimeLayout). ReportAt is
	// set only by a report submission; an older one does not replace a
	// newer one.
	Summary  string
	Result   string
	ReportAt string
}
