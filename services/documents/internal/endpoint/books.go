package endpoint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	"github.com/eoffice-vn/eoffice/pkg/tabular"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// File formats of the registers and the statistics.
const (
	FormatJSON = "json"
	FormatXLSX = "xlsx"
	FormatPDF  = "pdf"
)

// RegisterRequest is GET /v1/registers/{book}.
type RegisterRequest struct {
	Query  domain.BookQuery
	Format string
}

// RegisterResponse is a register as JSON.
type RegisterResponse struct {
	documentsapi.Register
	Err error `json:"-"`
}

func (r RegisterResponse) Failed() error { return r.Err }

func makeBook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RegisterRequest)
		v, err := s.Book(ctx, req.Query)
		if req.Format == FormatJSON {
			if err != nil {
				return RegisterResponse{Err: err}, nil
			}
			reg, err := registerOf(v)
			return RegisterResponse{Register: reg, Err: err}, nil
		}
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		t, err := registerTable(v)
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		var buf bytes.Buffer
		name := registerFileName(v.Query)
		var contentType string
		if req.Format == FormatPDF {
			contentType = "application/pdf"
			err = officialpdf.RenderTable(&buf, t, time.Time{})
		} else {
			contentType = tabular.ContentTypeXLSX
			err = tabular.WriteXLSX(&buf, t, sheetName(v.Query))
		}
		if err != nil {
			return nil, fmt.Errorf("register %s: %w", req.Format, err)
		}
		return fileOf(name+"."+req.Format, contentType, buf.Bytes()), nil
	}
}

// fileOf serves bytes made for this request (not kept): its ETag is its
// hash, like a stored file's.
func fileOf(filename, contentType string, b []byte) FileResponse {
	sum := sha256.Sum256(b)
	return FileResponse{Attachment: documentsapi.Attachment{Name: filename, Filename: filename, ContentType: contentType,
		Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}, Content: io.NopCloser(bytes.NewReader(b))}
}

func registerFileName(q domain.BookQuery) string {
	name := "so-van-ban-di"
	if q.Book == domain.BookIncoming {
		name = "so-van-ban-den"
	}
	if q.Confidential {
		name += "-mat"
	}
	return name + "-" + strconv.Itoa(q.Year)
}

func sheetName(q domain.BookQuery) string {
	if q.Book == domain.BookIncoming {
		return "Sổ văn bản đến"
	}
	return "Sổ văn bản đi"
}

func kindName(k domain.Kind) string {
	if info, ok := k.Info(); ok {
		return info.Name
	}
	return string(k)
}

func entryNote(e domain.BookEntry) string {
	if e.Document.Status == domain.StatusRevoked {
		return "Đã thu hồi"
	}
	return ""
}

// registerOf is a register as JSON, read as it comes: every entry, or with
// a limit a page of that many and the cursor of the next, if any.
func registerOf(v app.BookView) (documentsapi.Register, error) {
	limit := v.Query.Limit
	out := documentsapi.Register{Book: v.Query.Book, AgencyID: v.Agency.ID, AgencyName: v.Agency.Name, Year: v.Query.Year,
		Confidential: v.Query.Confidential, Items: []documentsapi.RegisterEntry{}}
	for e, err := range v.Entries {
		if err != nil {
			return documentsapi.Register{}, err
		}
		if limit > 0 && len(out.Items) == limit {
			// One more entry follows the page: it goes on from the last.
			out.NextCursor = bookCursor(out.Items[limit-1])
			break
		}
		out.Items = append(out.Items, registerEntry(v.Query, e))
	}
	return out, nil
}

// bookCursor is the cursor of a register page that ended on it: its series
// and number.
func bookCursor(it documentsapi.RegisterEntry) string {
	return httpx.EncodeCursor(it.Series, strconv.FormatInt(it.Number, 10))
}

// registerEntry is one entry of a register as the API shows it.
func registerEntry(q domain.BookQuery, e domain.BookEntry) documentsapi.RegisterEntry {
	d := e.Document
	it := documentsapi.RegisterEntry{DocumentID: d.ID, DocumentDate: e.DocumentDate(), Kind: string(d.Kind),
		KindName: kindName(d.Kind), Summary: d.Summary, Channel: string(d.Channel), Urgency: string(d.Urgency), Note: entryNote(e)}
	if q.Book == domain.BookIncoming {
		r := e.Receipt
		it.Number, it.Series, it.Notation = r.IncomingNumber, r.IncomingSeries, cmpOr(d.OriginalNotation, d.Notation)
		it.ArrivedOn = r.CreatedAt.In(domain.Zone).Format(domain.DateLayout)
		it.Sender, it.Handler, it.RegisteredBy = e.SenderName(), e.HandlerName, e.RegisteredByName
	} else {
		it.Number, it.Series, it.Notation = d.Number, d.Series, d.Notation
		if d.Signer != nil {
			it.Signer = d.Signer.FullName
		}
		it.Recipients, it.Keeper = e.RecipientNames, e.KeeperName
		it.Copies = len(e.RecipientNames) + 1 // one per recipient and the file copy
	}
	return it
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// registerTable lays a register out with Decree 30's columns (Phụ lục IV),
// dates dd/mm/yyyy.
// The rows are the only copy of the register it holds: each entry is laid
// out as it is read and then let go.
func registerTable(v app.BookView) (tabular.Table, error) {
	t := tabular.Table{Heading: strings.ToUpper(v.Agency.Name), Subtitle: "Năm " + strconv.Itoa(v.Query.Year)}
	if v.Query.From != "" || v.Query.To != "" {
		t.Subtitle += " (" + strings.TrimSpace(period(v.Query.From, v.Query.To)) + ")"
	}
	mat := ""
	if v.Query.Confidential {
		mat = " MẬT"
	}
	if v.Query.Book == domain.BookIncoming {
		t.Title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" + mat
		t.Columns = []tabular.Column{{Header: "Ngày đến", Width: 20}, {Header: "Số đến", Width: 14}, {Header: "Tác giả", Width: 38},
			{Header: "Số, ký hiệu", Width: 28}, {Header: "Ngày tháng văn bản", Width: 20}, {Header: "Tên loại và trích yếu nội dung", Width: 70},
			{Header: "Đơn vị hoặc người nhận", Width: 34}, {Header: "Ký nhận", Width: 18}, {Header: "Ghi chú", Width: 20}}
		err := registerRows(v, &t, func(it documentsapi.RegisterEntry) []string {
			return []string{domain.VNDate(it.ArrivedOn), strconv.FormatInt(it.Number, 10), it.Sender, it.Notation,
				domain.VNDate(it.DocumentDate), it.KindName + " " + it.Summary, it.Handler, "", it.Note}
		})
		return t, err
	}
	t.Title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI" + mat
	t.Columns = []tabular.Column{{Header: "Số, ký hiệu văn bản", Width: 30}, {Header: "Ngày tháng văn bản", Width: 20},
		{Header: "Tên loại và trích yếu nội dung", Width: 72}, {Header: "Người ký", Width: 30}, {Header: "Nơi nhận văn bản", Width: 48},
		{Header: "Đơn vị, người nhận bản lưu", Width: 32}, {Header: "Số lượng bản", Width: 14}, {Header: "Ghi chú", Width: 20}}
	err := registerRows(v, &t, func(it documentsapi.RegisterEntry) []string {
		return []string{it.Notation, domain.VNDate(it.DocumentDate), it.KindName + " " + it.Summary, it.Signer,
			strings.Join(it.Recipients, "; "), it.Keeper, strconv.Itoa(it.Copies), it.Note}
	})
	return t, err
}

// registerRows adds a row to t for each of v's entries.
func registerRows(v app.BookView, t *tabular.Table, row func(documentsapi.RegisterEntry) []string) error {
	for e, err := range v.Entries {
		if err != nil {
			return err
		}
		t.Rows = append(t.Rows, row(registerEntry(v.Query, e)))
	}
	return nil
}

func period(from, to string) string {
	s := ""
	if from != "" {
		s += "từ ngày " + domain.VNDate(from) + " "
	}
	if to != "" {
		s += "đến ngày " + domain.VNDate(to)
	}
	return s
}
