package endpoint

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/tabular"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// StatisticsRequest is GET /v1/statistics/documents.
type StatisticsRequest struct {
	Query  domain.StatsQuery
	Format string
}

// StatisticsResponse is the figures as JSON.
type StatisticsResponse struct {
	documentsapi.Statistics
	Err error `json:"-"`
}

func (r StatisticsResponse) Failed() error { return r.Err }

func makeStatistics(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(StatisticsRequest)
		st, err := s.Statistics(ctx, req.Query)
		if req.Format == FormatJSON {
			if err != nil {
				return StatisticsResponse{Err: err}, nil
			}
			return StatisticsResponse{Statistics: statisticsOf(st)}, nil
		}
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		var buf bytes.Buffer
		if err := tabular.WriteXLSX(&buf, statisticsTable(statisticsOf(st)), "Thống kê"); err != nil {
			return nil, fmt.Errorf("statistics xlsx: %w", err)
		}
		name := "thong-ke-van-ban-" + st.Query.From + "-" + st.Query.To + ".xlsx"
		return fileOf(name, tabular.ContentTypeXLSX, buf.Bytes()), nil
	}
}

func tallyOf(t domain.Tally) documentsapi.Tally {
	out := documentsapi.Tally{Total: t.Total, ByChannel: map[string]int{}, ByKind: map[string]int{}, ByUrgency: map[string]int{}}
	for k, n := range t.ByChannel {
		out.ByChannel[string(k)] = n
	}
	for k, n := range t.ByKind {
		if k != "" {
			out.ByKind[string(k)] = n
		}
	}
	for k, n := range t.ByUrgency {
		if k != "" {
			out.ByUrgency[string(k)] = n
		}
	}
	return out
}

func statisticsOf(st domain.Stats) documentsapi.Statistics {
	out := documentsapi.Statistics{AgencyID: st.Query.AgencyID, From: st.Query.From, To: st.Query.To,
		Received: tallyOf(st.Received), Sent: tallyOf(st.Sent),
		Electronic: documentsapi.Electronic{Received: st.ElectronicReceived, Sent: st.ElectronicSent, Share: st.ElectronicShare()},
		Handling:   make([]documentsapi.HandlingTime, len(st.Handling))}
	for i, h := range st.Handling {
		out.Handling[i] = documentsapi.HandlingTime{UnitID: h.UnitID, UserID: h.UserID, Name: h.Name,
			Registered: len(h.ToRegistration), ToRegistrationMedianDays: domain.Median(h.ToRegistration),
			ToRegistrationP90Days: domain.Percentile(h.ToRegistration, 90),
			Directed:              len(h.ToDirection), ToDirectionMedianDays: domain.Median(h.ToDirection),
			ToDirectionP90Days: domain.Percentile(h.ToDirection, 90),
			Steps:              len(h.Steps), StepMedianDays: domain.Median(h.Steps), StepP90Days: domain.Percentile(h.Steps, 90)}
	}
	return out
}

var channelNames = map[string]string{"exchange": "Qua trục liên thông quốc gia", "internal": "Trong hệ thống (nội bộ)", "paper": "Bản giấy"}

var urgencyNames = map[string]string{"normal": "Thường", "urgent": "Khẩn", "very_urgent": "Thượng khẩn", "flash": "Hỏa tốc"}

// statisticsTable lays the figures out as a two-part sheet: the counts,
// then the handling times.
func statisticsTable(st documentsapi.Statistics) tabular.Table {
	t := tabular.Table{Title: "THỐNG KÊ XỬ LÝ VĂN BẢN", Subtitle: "Từ ngày " + domain.VNDate(st.From) + " đến ngày " + domain.VNDate(st.To),
		Columns: []tabular.Column{{Header: "Chỉ tiêu", Width: 70}, {Header: "Văn bản đến", Width: 24}, {Header: "Văn bản đi", Width: 24},
			{Header: "Trung vị đến khi vào sổ (ngày)", Width: 26}, {Header: "90% đến khi vào sổ (ngày)", Width: 26},
			{Header: "Trung vị đến khi chỉ đạo (ngày)", Width: 26}, {Header: "90% đến khi chỉ đạo (ngày)", Width: 26},
			{Header: "Số bước chuyển xử lý", Width: 22}, {Header: "Trung vị mỗi bước (ngày)", Width: 24}, {Header: "90% mỗi bước (ngày)", Width: 24}}}
	row := func(label string, in, out int) {
		t.Rows = append(t.Rows, []string{label, strconv.Itoa(in), strconv.Itoa(out)})
	}
	row("Tổng số", st.Received.Total, st.Sent.Total)
	for _, c := range []string{"exchange", "internal", "paper"} {
		row(channelNames[c], st.Received.ByChannel[c], st.Sent.ByChannel[c])
	}
	for _, u := range []string{"normal", "urgent", "very_urgent", "flash"} {
		row("Độ khẩn: "+urgencyNames[u], st.Received.ByUrgency[u], st.Sent.ByUrgency[u])
	}
	kinds := map[string]bool{}
	for k := range st.Received.ByKind {
		kinds[k] = true
	}
	for k := range st.Sent.ByKind {
		kinds[k] = true
	}
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		row("Loại: "+kindName(domain.Kind(k)), st.Received.ByKind[k], st.Sent.ByKind[k])
	}
	row("Xử lý hoàn toàn điện tử", st.Electronic.Received, st.Electronic.Sent)
	t.Rows = append(t.Rows, []string{"Tỷ lệ xử lý hoàn toàn điện tử", strconv.FormatFloat(st.Electronic.Share*100, 'f', 1, 64) + "%"})
	days := func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
	for _, h := range st.Handling {
		label := "Toàn cơ quan"
		switch {
		case h.UserID != "":
			label = "Cá nhân: " + cmpOr(h.Name, h.UserID)
		case h.UnitID != "":
			label = "Đơn vị: " + cmpOr(h.Name, h.UnitID)
		}
		t.Rows = append(t.Rows, []string{label, strconv.Itoa(h.Registered), strconv.Itoa(h.Directed),
			days(h.ToRegistrationMedianDays), days(h.ToRegistrationP90Days), days(h.ToDirectionMedianDays), days(h.ToDirectionP90Days),
			strconv.Itoa(h.Steps), days(h.StepMedianDays), days(h.StepP90Days)})
	}
	return t
}
