module github.com/eoffice-vn/eoffice/services/notifications

go 1.26

require (
	github.com/eoffice-vn/eoffice/pkg v0.0.0
	github.com/eoffice-vn/eoffice/proto v0.0.0
)

replace (
	github.com/eoffice-vn/eoffice/pkg => ../../pkg
	github.com/eoffice-vn/eoffice/proto => ../../proto
)
