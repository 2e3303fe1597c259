package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

func TestIdempotencyKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		post := func(login, key string, body map[string]any) (int, document) {
			buf, _ := json.Marshal(body)
			req, _ := http.NewRequest("POST", e.Server.URL+"/v1/documents", bytes.NewReader(buf))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+e.Token(login))
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var d document
			_ = json.Unmarshal(raw, &d)
			return resp.StatusCode, d
		}
		other := validBody()
		other["summary"] = "Một trích yếu khác"

		// Concurrent first requests with one key create one document.
		var wg sync.WaitGroup
		ids := make([]string, 4)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, d := post("ubnd.cv", "k-1", validBody())
				if status != 201 {
					t.Errorf("status %d", status)
				}
				ids[i] = d.ID
			}()
		}
		wg.Wait()
		for _, id := range ids {
			if id == "" || id != ids[0] {
				t.Fatalf("one key gave documents %v", ids)
			}
		}
		steps := []struct {
			name   string
			login  string
			key    string
			body   map[string]any
			status int
			same   bool
			docs   int
		}{
			{"the same key and body again", "ubnd.cv", "k-1", validBody(), 201, true, 1},
			{"the same key with another body", "ubnd.cv", "k-1", other, 409, false, 1},
			{"another caller's same key is theirs", "kt.cv", "k-1", validBody(), 201, false, 2},
			{"no key creates anew", "ubnd.cv", "", validBody(), 201, false, 3},
		}
		for _, s := range steps {
			status, d := post(s.login, s.key, s.body)
			if status != s.status || (d.ID == ids[0]) != s.same || e.Count(t, "documents") != s.docs {
				t.Fatalf("%s: %d %s, %d documents", s.name, status, d.ID, e.Count(t, "documents"))
			}
		}
	})
}
