package hub

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
)

// Header names: the SDK's XroadVnpt-* parameters, and the hub's own
// (secret, key, limit, status-desc).
const (
	HeaderSystem      = "XroadVnpt-systemid"
	HeaderSecret      = "XroadVnpt-secret"
	HeaderFrom        = "XroadVnpt-from"
	HeaderTo          = "XroadVnpt-to"
	HeaderServiceType = "XroadVnpt-servicetype"
	HeaderMessageType = "XroadVnpt-messagetype"
	HeaderHashFile    = "XroadVnpt-hash-file"
	HeaderKey         = "XroadVnpt-key"
	HeaderDocID       = "XroadVnpt-docId"
	HeaderStatus      = "XroadVnpt-status"
	HeaderStatusDesc  = "XroadVnpt-status-desc"
	HeaderLimit       = "XroadVnpt-limit"
)

// ErrorUnknownRecipient is the ErrorCode of a send to a code no system
// announced, so that a client tells it from other refusals.
const ErrorUnknownRecipient = "UNKNOWN_RECIPIENT"

// maxList bounds one getReceivedEdocList answer.
const maxList = 500

// Server serves the gateway API over a Store.
type Server struct {
	store   *Store
	log     *slog.Logger
	maxBody int64
}

// New returns the server; maxBody bounds a message (transport.MaxBody when 0).
func New(st *Store, log *slog.Logger, maxBody int64) *Server {
	if maxBody <= 0 {
		maxBody = transport.MaxBody
	}
	return &Server{store: st, log: log, maxBody: maxBody}
}

// Handler routes the gateway API and the health checks.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", httpx.Healthz())
	mux.Handle("GET /readyz", httpx.Readyz(httpx.Check{Name: "database", Fn: s.store.Ping}))
	mux.HandleFunc("POST /sendEdoc", s.authed(s.sendEdoc))
	mux.HandleFunc("POST /getReceivedEdocList", s.authed(s.receivedList))
	mux.HandleFunc("POST /getEdoc", s.authed(s.getEdoc))
	mux.HandleFunc("POST /downloadEdoc", s.authed(s.downloadEdoc))
	mux.HandleFunc("GET /downloadEdoc", s.authed(s.downloadEdoc))
	mux.HandleFunc("POST /updateStatus", s.authed(s.updateStatus))
	mux.HandleFunc("POST /getSentEdocList", s.authed(s.sentList))
	mux.HandleFunc("POST /registerAgency", s.authed(s.registerAgency))
	return mux
}

type handler func(w http.ResponseWriter, r *http.Request, system string)

// authed checks the caller's system id and secret (registering a system
// on its first call) before h runs.
func (s *Server) authed(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		system, secret := strings.TrimSpace(r.Header.Get(HeaderSystem)), r.Header.Get(HeaderSecret)
		if system == "" || secret == "" || len(system) > 200 {
			fail(w, http.StatusUnauthorized, "AUTH", HeaderSystem+" and "+HeaderSecret+" are required")
			return
		}
		if err := s.store.Authenticate(r.Context(), system, secret); err != nil {
			if errors.Is(err, ErrBadSecret) {
				s.log.Warn("refused a call with a wrong secret", "system", system, "path", r.URL.Path)
				fail(w, http.StatusUnauthorized, "AUTH", "wrong secret for this system")
				return
			}
			s.internal(w, r, err)
			return
		}
		h(w, r, system)
	}
}

// answer is the gateway's reply envelope.
type answer struct {
	Status    string `json:"status"`
	ErrorCode string `json:"ErrorCode"`
	ErrorDesc string `json:"ErrorDesc"`
	DocID     string `json:"DocId,omitempty"`
	Data      any    `json:"data,omitempty"`
}

func ok(w http.ResponseWriter, a answer) {
	a.Status, a.ErrorCode, a.ErrorDesc = "OK", "0", "Success"
	writeJSON(w, http.StatusOK, a)
}

func fail(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, answer{Status: "FAIL", ErrorCode: code, ErrorDesc: desc})
}

func writeJSON(w http.ResponseWriter, status int, a answer) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(a)
}

func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	fail(w, http.StatusInternalServerError, "INTERNAL", "internal error")
}

func (s *Server) sendEdoc(w http.ResponseWriter, r *http.Request, system string) {
	if r.ContentLength > s.maxBody {
		fail(w, http.StatusRequestEntityTooLarge, "TOO_LARGE", fmt.Sprintf("a message is at most %d bytes", s.maxBody))
		return
	}
	key := strings.TrimSpace(r.Header.Get(HeaderKey))
	typ := strings.ToLower(strings.TrimSpace(r.Header.Get(HeaderMessageType)))
	if typ != transport.TypeEdoc && typ != transport.TypeStatus {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderMessageType+" must be edoc or status")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		fail(w, http.StatusRequestEntityTooLarge, "TOO_LARGE", fmt.Sprintf("a message is at most %d bytes", s.maxBody))
		return
	}
	if err != nil {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", "could not read the message")
		return
	}
	if len(body) == 0 {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", "empty message")
		return
	}
	if h := strings.TrimSpace(r.Header.Get(HeaderHashFile)); len(h) == sha256.Size*2 {
		sum := sha256.Sum256(body)
		if !strings.EqualFold(h, hex.EncodeToString(sum[:])) {
			fail(w, http.StatusBadRequest, "BAD_HASH", HeaderHashFile+" does not match the message")
			return
		}
	}
	// The header is read for routing and the DocumentId only; a package
	// the hub cannot read still travels, for its recipient to refuse with
	// a reason its sender learns.
	head, _ := transport.Peek(body)
	from := strings.TrimSpace(r.Header.Get(HeaderFrom))
	if from == "" {
		from = head.From
	}
	to, err := parseTo(r.Header.Get(HeaderTo))
	if err != nil {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", err.Error())
		return
	}
	if to == "" && len(head.To) == 1 {
		to = head.To[0]
	}
	if to == "" {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderTo+" must name one organisation code")
		return
	}
	if key == "" {
		// No key: the content names the message, so that a blind retry
		// is still one message.
		sum := sha256.Sum256(append([]byte(to+"\x00"), body...))
		key = "sha256:" + hex.EncodeToString(sum[:])
	}
	docID := ""
	if typ == transport.TypeEdoc {
		docID = head.DocumentID
	}
	id, err := s.store.Send(r.Context(), Incoming{System: system, Key: key, Type: typ, From: from, To: to, DocumentID: docID, Body: body})
	if errors.Is(err, ErrUnknownRecipient) {
		fail(w, http.StatusUnprocessableEntity, ErrorUnknownRecipient, "no system receives for organisation code "+to)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ok(w, answer{DocID: id})
}

// parseTo reads the to header: the SDK sends a JSON array of codes; a
// plain code is accepted too. One message has one recipient.
func parseTo(v string) (string, error) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "[") {
		return v, nil
	}
	var codes []string
	if err := json.Unmarshal([]byte(v), &codes); err != nil {
		return "", fmt.Errorf("%s: not a JSON array of codes", HeaderTo)
	}
	if len(codes) > 1 {
		return "", fmt.Errorf("%s: one message has one recipient; send one per code", HeaderTo)
	}
	if len(codes) == 0 {
		return "", nil
	}
	return strings.TrimSpace(codes[0]), nil
}

// Knobstick is one entry of getReceivedEdocList, in the SDK's field names.
type Knobstick struct {
	DocID       string `json:"docId"`
	ServiceType string `json:"serviceType"`
	MessageType string `json:"messageType"`
	CreatedTime string `json:"created_time"`
	UpdatedTime string `json:"updated_time"`
	From        string `json:"from"`
	To          string `json:"to"`
	Status      string `json:"status"`
	StatusDesc  string `json:"status_desc"`
}

func knobstick(m Summary) Knobstick {
	return Knobstick{DocID: m.ID, ServiceType: "eDoc", MessageType: m.Type, CreatedTime: m.CreatedAt.Format(time.RFC3339Nano),
		UpdatedTime: m.UpdatedAt.Format(time.RFC3339Nano), From: m.From, To: m.To, Status: m.Status, StatusDesc: m.StatusDesc}
}

func (s *Server) receivedList(w http.ResponseWriter, r *http.Request, system string) {
	typ := strings.ToLower(strings.TrimSpace(r.Header.Get(HeaderMessageType)))
	if typ != "" && typ != transport.TypeEdoc && typ != transport.TypeStatus {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderMessageType+" must be edoc, status or absent")
		return
	}
	limit := maxList
	if v := strings.TrimSpace(r.Header.Get(HeaderLimit)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderLimit+" must be a positive number")
			return
		}
		limit = min(n, maxList)
	}
	ms, err := s.store.Received(r.Context(), system, typ, limit)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	data := make([]Knobstick, 0, len(ms))
	for _, m := range ms {
		data = append(data, knobstick(m))
	}
	ok(w, answer{Data: data})
}

func (s *Server) message(w http.ResponseWriter, r *http.Request, system string) (Summary, []byte, bool) {
	id := strings.TrimSpace(r.Header.Get(HeaderDocID))
	if id == "" {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderDocID+" is required")
		return Summary{}, nil, false
	}
	m, body, err := s.store.Message(r.Context(), system, id)
	if errors.Is(err, ErrNotFound) {
		fail(w, http.StatusNotFound, "NOT_FOUND", "no such message for this system")
		return m, nil, false
	}
	if err != nil {
		s.internal(w, r, err)
		return m, nil, false
	}
	if len(body) == 0 {
		fail(w, http.StatusGone, "PURGED", "the message was delivered long ago and its content is no longer kept")
		return m, nil, false
	}
	return m, body, true
}

func (s *Server) getEdoc(w http.ResponseWriter, r *http.Request, system string) {
	if _, body, found := s.message(w, r, system); found {
		ok(w, answer{DocID: r.Header.Get(HeaderDocID), Data: base64.StdEncoding.EncodeToString(body)})
	}
}

// downloadEdoc answers the raw bytes, with the message's parties and type
// in headers: no base64 detour for a 100 MiB package.
func (s *Server) downloadEdoc(w http.ResponseWriter, r *http.Request, system string) {
	m, body, found := s.message(w, r, system)
	if !found {
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set(HeaderMessageType, m.Type)
	w.Header().Set(HeaderFrom, m.From)
	w.Header().Set(HeaderTo, m.To)
	_, _ = w.Write(body)
}

func (s *Server) updateStatus(w http.ResponseWriter, r *http.Request, system string) {
	id := strings.TrimSpace(r.Header.Get(HeaderDocID))
	status := strings.ToLower(strings.TrimSpace(r.Header.Get(HeaderStatus)))
	switch status {
	case StatusProcessing, StatusDone, StatusFail:
	default:
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderStatus+" must be processing, done or fail")
		return
	}
	if id == "" {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderDocID+" is required")
		return
	}
	desc := r.Header.Get(HeaderStatusDesc)
	if len(desc) > 1000 {
		desc = desc[:1000]
	}
	err := s.store.UpdateStatus(r.Context(), system, id, status, desc)
	if errors.Is(err, ErrNotFound) {
		fail(w, http.StatusNotFound, "NOT_FOUND", "no such message for this system")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ok(w, answer{DocID: id})
}

// SentStatus is one entry of getSentEdocList, in the SDK's field names.
type SentStatus struct {
	SenderDocID       string `json:"senderDocId"`
	ReceiverDocID     string `json:"receiverDocId"`
	ServiceType       string `json:"serviceType"`
	MessageType       string `json:"messageType"`
	FromCode          string `json:"fromCode"`
	ToCode            string `json:"toCode"`
	SendStatus        string `json:"sendStatus"`
	ReceiveStatus     string `json:"receiveStatus"`
	ReceiveStatusDesc string `json:"receiveStatusDesc"`
	SentTime          string `json:"sentTime"`
	ReceivedTime      string `json:"receivedTime,omitempty"`
}

func (s *Server) sentList(w http.ResponseWriter, r *http.Request, _ string) {
	id := strings.TrimSpace(r.Header.Get(HeaderDocID))
	if id == "" {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", HeaderDocID+" is required")
		return
	}
	m, err := s.store.Sent(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		fail(w, http.StatusNotFound, "NOT_FOUND", "no such message")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	st := SentStatus{SenderDocID: m.ID, ReceiverDocID: m.ID, ServiceType: "eDoc", MessageType: m.Type, FromCode: m.From, ToCode: m.To,
		SendStatus: "done", ReceiveStatus: m.Status, ReceiveStatusDesc: m.StatusDesc, SentTime: m.CreatedAt.Format(time.RFC3339Nano)}
	if m.Status == StatusDone || m.Status == StatusFail {
		st.ReceivedTime = m.UpdatedAt.Format(time.RFC3339Nano)
	}
	ok(w, answer{Data: []SentStatus{st}})
}

// Agency is one organisation a system receives for (registerAgency).
type Agency struct {
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

// maxCodes bounds one announcement.
const maxCodes = 10000

func (s *Server) registerAgency(w http.ResponseWriter, r *http.Request, system string) {
	var agencies []Agency
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<20))
	if err := dec.Decode(&agencies); err != nil {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", "body must be a JSON array of {code, name}")
		return
	}
	if len(agencies) > maxCodes {
		fail(w, http.StatusBadRequest, "BAD_REQUEST", fmt.Sprintf("at most %d codes", maxCodes))
		return
	}
	var codes []string
	seen := map[string]bool{}
	for _, a := range agencies {
		c := strings.TrimSpace(a.Code)
		if c == "" || len(c) > 100 {
			fail(w, http.StatusBadRequest, "BAD_REQUEST", "every agency needs a code of at most 100 characters")
			return
		}
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	err := s.store.Announce(r.Context(), system, codes)
	if errors.Is(err, ErrCodeTaken) {
		fail(w, http.StatusConflict, "CODE_TAKEN", err.Error())
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ok(w, answer{})
}

// Listen says where the hub serves.
type Listen struct {
	Addr string
	// AdminAddr, when set, serves /metrics on its own listener and not
	// beside the API (EOFFICE_HUB_ADMIN_ADDR), as the services do.
	AdminAddr string
	// Timeout bounds reading a request and writing an answer (a package
	// may be 120 MiB on a slow line).
	Timeout time.Duration
	// ShutdownDelay: once ctx ends, /readyz fails this long while requests
	// are still served, so load balancers stop sending them first.
	ShutdownDelay time.Duration
}

// ListenAndServe serves api (with /metrics) until ctx ends, then fails
// /readyz for ShutdownDelay and lets requests in flight finish.
func ListenAndServe(ctx context.Context, l Listen, api http.Handler, log *slog.Logger) error {
	var draining atomic.Bool
	mux := http.NewServeMux()
	mux.Handle("/", api)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if draining.Load() {
			http.Error(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		api.ServeHTTP(w, r)
	})
	newServer := func(h http.Handler, addr string) *http.Server {
		return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: l.Timeout, WriteTimeout: l.Timeout, IdleTimeout: 2 * time.Minute}
	}
	servers := []*http.Server{}
	if l.AdminAddr == "" {
		mux.Handle("GET /metrics", telemetry.MetricsHandler("hub"))
	} else {
		mux.Handle("GET /metrics", httpx.NotFoundHandler())
		am := http.NewServeMux()
		am.Handle("GET /metrics", telemetry.MetricsHandler("hub"))
		am.Handle("/", httpx.NotFoundHandler())
		servers = append(servers, newServer(am, l.AdminAddr))
	}
	servers = append([]*http.Server{newServer(telemetry.HTTPHandler(mux, "hub"), l.Addr)}, servers...)
	errc := make(chan error, len(servers))
	for _, srv := range servers {
		go func() { errc <- srv.ListenAndServe() }()
		log.Info("hub listening", "addr", srv.Addr)
	}
	select {
	case err := <-errc:
		for _, srv := range servers {
			srv.Close()
		}
		return fmt.Errorf("hub: %w", err)
	case <-ctx.Done():
	}
	draining.Store(true)
	log.Info("hub stopping", "delay", l.ShutdownDelay)
	select {
	case <-time.After(l.ShutdownDelay):
	case err := <-errc:
		log.Warn("hub listener failed while draining", "error", err)
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var errs []error
	for _, srv := range servers {
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("hub: %w", err))
		}
	}
	return errors.Join(errs...)
}
