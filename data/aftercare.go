package data

// AftercareStore keeps what a case records after the first response: the
// repair request (第4条第7号), the notifications of the related bodies (第4条
// 第9号, 第5条第8号ウ), the measures against recurrence (第4条第10号) and the
// access logs preserved (第5条第7号). Every change runs in one transaction
// with its audit event; timelineText, when not empty, goes on the case's
// timeline in the same transaction. Lists are oldest first (by time, then ID).
type AftercareStore interface {
	// RepairRequest reads the case's repair request; empty when none.
	RepairRequest(caseID int64) (RepairRequest, error)
	SaveRepairRequest(r *RepairRequest, timelineText string) error

	Notifications(caseID int64) ([]Notification, error)
	// SaveNotification adds (ID 0) or updates a notification of the case.
	SaveNotification(n *Notification, timelineText string) error
	DeleteNotification(caseID, id int64, timelineText string) error

	PreventionMeasures(caseID int64) ([]PreventionMeasure, error)
	SavePreventionMeasure(m *PreventionMeasure, timelineText string) error
	DeletePreventionMeasure(caseID, id int64, timelineText string) error

	PreservedLogs(caseID int64) ([]PreservedLog, error)
	SavePreservedLog(l *PreservedLog, timelineText string) error
	DeletePreservedLog(caseID, id int64, timelineText string) error
}
