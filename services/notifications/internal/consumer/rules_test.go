package consumer_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// rulesDirectory: the province committee (ubnd) assigns to the department
// (stttt, with its office vp); sct is another department.
func rulesDirectory(f *fixture) {
	f.unit("ubnd", "", "Ủy ban nhân dân tỉnh")
	f.unit("stttt", "ubnd", "Sở Thông tin và Truyền thông")
	f.unit("sct", "ubnd", "Sở Công Thương")
	f.mustHandle(f.event(events.UnitCreated, "vp", now.Add(-time.Hour), &eventsv1.UnitCreated{
		UnitId: "vp", ParentId: "stttt", Kind: "division", AgencyId: "stttt", Name: "Văn phòng Sở", ShortName: "VP", Active: true}))
	f.user("lp", "ubnd", "leader")
	f.user("l2", "ubnd", "clerk")
	f.user("l1", "stttt", "leader")
	f.user("s", "stttt", "specialist")
	f.mustHandle(f.event(events.UserCreated, "c", now.Add(-time.Hour), &eventsv1.UserCreated{
		UserId: "c", FullName: "Văn thư", Email: "c@example.vn", UnitId: "vp", AgencyId: "stttt", Roles: []string{"clerk"}, Active: true}))
	f.user("lb", "sct", "leader")
	f.user("d", "sct", "clerk")
	f.user("x", "stttt", "leader")
	f.mustHandle(f.event(events.UserDeactivated, "x", now.Add(-time.Minute), &eventsv1.UserDeactivated{UserId: "x", UnitId: "stttt"}))
}

func ref() *eventsv1.TaskRef {
	return &eventsv1.TaskRef{TaskId: "task-1", AssignerUnitId: "ubnd", AssigneeUnitId: "stttt", Title: "Tuyên truyền PAPI",
		DueDate: "2022-12-31", Urgency: "very_urgent", SourceNotation: "07/CT-UBND", Status: "in_progress"}
}

func TestRulesRecipients(t *testing.T) {
	issued := func(conf string) *eventsv1.DocumentIssued {
		return &eventsv1.DocumentIssued{DocumentId: "doc-1", Kind: "directive", Notation: "07/CT-UBND", IssuerUnitId: "ubnd",
			RecipientUnitIds: []string{"stttt", "vp", "sct", "ubnd"}, Urgency: "flash", Confidentiality: conf,
			Summary: "Về việc nâng cao chỉ số PAPI", DueDate: "2022-12-31"}
	}
	tests := []struct {
		name      string
		short     string
		payload   proto.Message
		want      []string
		title     string
		has, lack []string
	}{
		{"document arrived: clerks of each recipient agency, once, not the issuer's", events.DocumentIssued, issued("normal"),
			[]string{"c", "d"}, "[Hỏa tốc] Văn bản đến: 07/CT-UBND", []string{"Chỉ thị số 07/CT-UBND", "Về việc nâng cao chỉ số PAPI", "31/12/2022"}, nil},
		{"confidential document: no summary", events.DocumentIssued, issued("secret"),
			[]string{"c", "d"}, "[Hỏa tốc] Văn bản mật đến: 07/CT-UBND", []string{"07/CT-UBND"}, []string{"PAPI"}},
		{"document received by exchange: the clerks of its agency", events.DocumentReceived, &eventsv1.DocumentReceived{
			DocumentId: "doc-2", RecipientAgencyId: "sct", Channel: "exchange", ExchangePackageId: "p1", SenderCode: "000.00.00.G22",
			SenderName: "Văn phòng Chính phủ", OriginalNotation: "7816/VPCP-TTĐT", Kind: "decision", Summary: "Về Đề án 06",
			Urgency: "urgent", Confidentiality: "normal"},
			[]string{"d"}, "[Khẩn] Văn bản đến: 7816/VPCP-TTĐT", []string{"7816/VPCP-TTĐT", "Văn phòng Chính phủ", "Về Đề án 06"}, nil},
		{"document registered on paper: nobody (its clerk registered it)", events.DocumentReceived, &eventsv1.DocumentReceived{
			DocumentId: "doc-3", RecipientAgencyId: "sct", Channel: "paper", SenderName: "Bộ Nội vụ", OriginalNotation: "125/BNV-VP",
			Kind: "official_letter", Summary: "Về CCHC", Urgency: "normal", IncomingNumber: 4},
			nil, "", nil, nil},
		{"document forwarded: the person it goes to", events.DocumentRouted, &eventsv1.DocumentRouted{
			DocumentId: "doc-4", Kind: "forward", FromUserId: "l2", FromName: "Văn thư UBND", ToUserIds: []string{"l1"},
			Note: "Kính chuyển đồng chí", Notation: "125/BNV-VP", Summary: "Về CCHC", Urgency: "normal", Confidentiality: "normal"},
			[]string{"l1"}, "Văn bản chuyển đến đồng chí: 125/BNV-VP", []string{"Văn thư UBND đã chuyển", "Kính chuyển đồng chí", "Về CCHC"}, nil},
		{"document directed: the lead unit's leaders", events.DocumentRouted, &eventsv1.DocumentRouted{
			DocumentId: "doc-4", Kind: "direct", FromUserId: "lp", FromName: "Chủ tịch", ToUnitIds: []string{"stttt"},
			Note: "Sở TTTT chủ trì", Notation: "125/BNV-VP", Urgency: "urgent", Confidentiality: "normal", DueDate: "2022-12-31"},
			[]string{"l1"}, "[Khẩn] Bút phê, phân công xử lý văn bản: 125/BNV-VP", []string{"Sở TTTT chủ trì", "31/12/2022"}, nil},
		{"for information: the informed unit's leaders, not the sender", events.DocumentRouted, &eventsv1.DocumentRouted{
			DocumentId: "doc-4", Kind: "direct", FromUserId: "lp", FromName: "Chủ tịch", ToUnitIds: []string{"ubnd"},
			InformedUnitIds: []string{"sct"}, Notation: "125/BNV-VP", Urgency: "normal", Confidentiality: "normal"},
			[]string{"lb"}, "Văn bản để biết: 125/BNV-VP", []string{"Chủ tịch gửi để biết"}, nil},
		{"confidential document returned: no reason in the notification", events.DocumentRouted, &eventsv1.DocumentRouted{
			DocumentId: "doc-5", Kind: "return", FromUserId: "s", FromName: "Chuyên viên", ToUserIds: []string{"l1"},
			Note: "bí mật", Notation: "12/M-UBND", Urgency: "normal", Confidentiality: "secret"},
			[]string{"l1"}, "Văn bản bị trả lại: 12/M-UBND", []string{"Văn bản mật"}, []string{"bí mật"}},
		{"read: nobody", events.DocumentRouted, &eventsv1.DocumentRouted{DocumentId: "doc-4", Kind: "read", FromUserId: "lb"},
			nil, "", nil, nil},
		{"report submitted: the assigner's leaders", events.TaskReportSubmitted,
			&eventsv1.TaskReportSubmitted{Task: ref(), ReportId: "r1", ProgressPercent: 60},
			[]string{"lp"}, "[Thượng khẩn] Báo cáo tiến độ: Tuyên truyền PAPI", []string{"Sở Thông tin và Truyền thông", "60%", "07/CT-UBND"}, nil},
		{"report returned: the assignee's leaders and specialists", events.TaskReportReviewed,
			&eventsv1.TaskReportReviewed{Task: ref(), ReportId: "r1", Decision: "returned", Comment: "Bổ sung số liệu"},
			[]string{"l1", "s"}, "[Thượng khẩn] Báo cáo bị trả lại: Tuyên truyền PAPI", []string{"Bổ sung số liệu"}, nil},
		{"report accepted", events.TaskReportReviewed,
			&eventsv1.TaskReportReviewed{Task: ref(), ReportId: "r2", Decision: "accepted", Final: true},
			[]string{"l1", "s"}, "[Thượng khẩn] Báo cáo được chấp nhận: Tuyên truyền PAPI", []string{"hoàn thành"}, nil},
		{"extension approved", events.TaskExtensionDecided,
			&eventsv1.TaskExtensionDecided{Task: ref(), Approved: true, PreviousDueDate: "2022-12-31", RequestedDueDate: "2023-01-31"},
			[]string{"l1", "s"}, "[Thượng khẩn] Đồng ý gia hạn: Tuyên truyền PAPI", []string{"31/01/2023", "31/12/2022"}, nil},
		{"due soon", events.TaskDueSoon, &eventsv1.TaskDueSoon{Task: ref(), DaysLeft: 3},
			[]string{"l1", "s"}, "[Thượng khẩn] Sắp đến hạn: Tuyên truyền PAPI", []string{"Còn 3 ngày", "31/12/2022"}, nil},
		{"overdue", events.TaskOverdue, &eventsv1.TaskOverdue{Task: ref(), DaysOverdue: 1},
			[]string{"l1", "s"}, "[Thượng khẩn] Quá hạn: Tuyên truyền PAPI", []string{"quá hạn 1 ngày"}, nil},
		{"due on the day, in working days", events.TaskDueSoon, &eventsv1.TaskDueSoon{Task: ref(), DaysLeft: 0, Step: "due_day"},
			[]string{"l1", "s"}, "[Thượng khẩn] Đến hạn hôm nay: Tuyên truyền PAPI", []string{"Hôm nay là hạn xử lý"}, nil},
		{"overdue in working days", events.TaskOverdue, &eventsv1.TaskOverdue{Task: ref(), DaysOverdue: 3, Step: "overdue_3"},
			[]string{"l1", "s"}, "[Thượng khẩn] Quá hạn: Tuyên truyền PAPI", []string{"quá hạn 3 ngày làm việc"}, nil},
		{"periodic report due soon: the assignee's leaders and specialists", events.TaskReportDue,
			&eventsv1.TaskReportDue{Task: ref(), RequestId: "rq-1", Period: "2022-12", DueDate: "2022-12-30", Kind: "due_soon", Days: 3},
			[]string{"l1", "s"}, "[Thượng khẩn] Sắp đến hạn báo cáo: Tuyên truyền PAPI",
			[]string{"Báo cáo định kỳ Tháng 12/2022 của nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND)", "đến hạn ngày 30/12/2022, còn 3 ngày làm việc"},
			[]string{"2022-12", "due_soon"}},
		{"periodic report overdue", events.TaskReportDue,
			&eventsv1.TaskReportDue{Task: ref(), RequestId: "rq-1", Period: "2022-Q4", DueDate: "2022-12-30", Kind: "overdue", Days: 1},
			[]string{"l1", "s"}, "[Thượng khẩn] Quá hạn báo cáo: Tuyên truyền PAPI",
			[]string{"Báo cáo định kỳ Quý IV/2022", "đã quá hạn 1 ngày làm việc mà chưa có báo cáo"}, []string{"2022-Q4", "overdue"}},
		{"escalated: the assigning leader and the assignee unit's head, not its specialists", events.TaskEscalated,
			&eventsv1.TaskEscalated{Task: ref(), DaysOverdue: 5, AssignerUserId: "lp", UnitOverdue: []*eventsv1.TaskRef{ref()}, AssignerOverdue: []*eventsv1.TaskRef{ref()}},
			[]string{"l1", "lp"}, "[Thượng khẩn] Nhiệm vụ quá hạn cần chỉ đạo: Tuyên truyền PAPI",
			[]string{"quá hạn 5 ngày làm việc", "1. Tuyên truyền PAPI — Sở Thông tin và Truyền thông; văn bản số 07/CT-UBND; hạn xử lý 31/12/2022."}, []string{"2022-12-31"}},
		{"escalated from a document: the assigner unit's leaders", events.TaskEscalated,
			&eventsv1.TaskEscalated{Task: ref(), DaysOverdue: 6, UnitOverdue: []*eventsv1.TaskRef{ref()}},
			[]string{"l1", "lp"}, "[Thượng khẩn] Nhiệm vụ quá hạn cần chỉ đạo: Tuyên truyền PAPI", []string{"quá hạn 6 ngày làm việc"}, nil},
		{"weekly digest: the leader only", events.TaskWeeklyDigest, &eventsv1.TaskWeeklyDigest{LeaderUserId: "l1", UnitId: "stttt", AgencyId: "stttt",
			WeekStart: "2023-01-02", WeekEnd: "2023-01-08", Items: []*eventsv1.TaskRef{func() *eventsv1.TaskRef { r := ref(); r.Class = "open_overdue"; return r }()}, Total: 1},
			[]string{"l1"}, "Tổng hợp nhiệm vụ tuần từ 02/01/2023 đến 08/01/2023",
			[]string{"Sở Thông tin và Truyền thông và các đơn vị trực thuộc", "Nhiệm vụ quá hạn (1):", "hạn xử lý 31/12/2022"}, []string{"open_overdue", "2022-12-31", "đến hạn trong tuần ("}},
		{"cancelled: the assignee's leaders", events.TaskCancelled, &eventsv1.TaskCancelled{Task: ref(), Reason: "Văn bản bị thu hồi"},
			[]string{"l1"}, "[Thượng khẩn] Hủy nhiệm vụ: Tuyên truyền PAPI", []string{"07/CT-UBND", "Văn bản bị thu hồi"}, nil},
	}
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		rulesDirectory(f)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.t = t
				clearNotifications(t, db)
				ev := f.event(tt.short, "agg", now, tt.payload)
				f.mustHandle(ev)
				f.mustHandle(ev) // redelivered: nobody is told twice
				got := f.notified()
				var who []string
				for p, titles := range got {
					who = append(who, p)
					if len(titles) != 1 || titles[0] != tt.title {
						t.Errorf("%s got %q, want once %q", p, titles, tt.title)
					}
				}
				slices.Sort(who)
				if !slices.Equal(who, tt.want) {
					t.Fatalf("notified %v, want %v", who, tt.want)
				}
				for _, p := range tt.want {
					items, _, _ := f.store.List(context.Background(), domain.NotificationFilter{UserID: p, Limit: 5})
					for _, s := range tt.has {
						if !strings.Contains(items[0].Body, s) {
							t.Errorf("%s: body %q lacks %q", p, items[0].Body, s)
						}
					}
					for _, s := range tt.lack {
						if strings.Contains(items[0].Body, s) {
							t.Errorf("%s: body %q must not contain %q", p, items[0].Body, s)
						}
					}
					mails, err := f.store.EmailsTo(context.Background(), p)
					if err != nil {
						t.Fatal(err)
					}
					if len(mails) != 1 || mails[0].Subject != tt.title || mails[0].ID != items[0].ID || mails[0].CauseEventID != ev.ID {
						t.Errorf("%s: e-mails %+v", p, mails)
					}
				}
			})
		}
	})
}
