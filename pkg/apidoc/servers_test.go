package apidoc

import (
	"encoding/json"
	"testing"
)

func TestWithServer(t *testing.T) {
	out, err := WithServer([]byte(`{"openapi":"3.1.0","servers":[{"url":"http://127.0.0.1:8082"}],"paths":{}}`), "https://eoffice.example.vn/documents/")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		OpenAPI string
		Servers []struct{ URL string }
	}
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	if d.OpenAPI != "3.1.0" || len(d.Servers) != 1 || d.Servers[0].URL != "https://eoffice.example.vn/documents" {
		t.Errorf("%+v", d)
	}
	if _, err := WithServer([]byte("not json"), "http://x"); err == nil {
		t.Error("no error for a broken document")
	}
}

func TestURLs(t *testing.T) {
	for _, tt := range []struct{ addr, want string }{
		{"127.0.0.1:8081", "http://127.0.0.1:8081"},
		{":8081", "http://localhost:8081"},
		{"0.0.0.0:8082", "http://localhost:8082"},
		{"[::]:8083", "http://localhost:8083"},
	} {
		if got := URLOf(tt.addr); got != tt.want {
			t.Errorf("URLOf(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://eoffice.example.vn/tasks", true}, {"http://127.0.0.1:8083", true},
		{"eoffice.example.vn", false}, {"ftp://x", false}, {"https://", false}, {"https://x/?a=1", false},
	} {
		if err := CheckURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckURL(%q) = %v", tt.url, err)
		}
	}
}
