package cli

// The catalog's second part: the synopses of the commands, the names of
// table columns and fields, and the messages of the result.
func init() {
	for en, v := range map[string]string{
		// synopses (eoffice help, and a command given without its subcommand)
		"[--username U] [--password-stdin]":                        "[--username TÊN] [--password-stdin]",
		"[--username admin] [--password-file F] FILE":              "[--username admin] [--password-file TỆP_MẬT_KHẨU] TỆP",
		"progress PLAN_ID":                                         "progress MÃ_KẾ_HOẠCH",
		"units|documents [--from D] [--to D]":                      "units|documents [--from NGÀY] [--to NGÀY]",
		"outgoing|incoming [--year Y] [--format xlsx|pdf -o FILE]": "outgoing|incoming [--year NĂM] [--format xlsx|pdf -o TỆP]",
		"tail [--topic T] [--group G] [--latest] | asyncapi":       "tail [--topic CHỦ_ĐỀ] [--group NHÓM] [--latest] | asyncapi",
		"[FILE]": "[TỆP]",
		"show|set|reset [--year Y] [--agency A] [FILE]": "show|set|reset [--year NĂM] [--agency CƠ_QUAN] [TỆP]",
		"docs: create FILE | submit|approve|issue|register|show ID | reject|revoke|refuse ID --reason R | list [--box outgoing|incoming] [--channel C] | report PLAN_ID | register-paper --sender S --notation N --date D --summary T [--file F]...": "docs: create TỆP | submit|approve|issue|register|show MÃ | reject|revoke|refuse MÃ --reason LÝ_DO | list [--box outgoing|incoming] [--channel KÊNH] | report MÃ_KẾ_HOẠCH | register-paper --sender NƠI_GỬI --notation SỐ_KÝ_HIỆU --date NGÀY --summary TRÍCH_YẾU [--file TỆP]...\n  (create: soạn dự thảo; submit: trình ký; approve: ký; reject: trả lại; issue: cấp số, phát hành; register: vào sổ; refuse: từ chối; revoke: thu hồi; show: xem; list: danh sách; report: báo cáo tổng hợp; register-paper: vào sổ văn bản giấy)",
		"tasks: list [--box inbox|outbox] | show|accept ID | report ID --progress N --summary S [--final] | review TASK REPORT --decision accepted|returned | delegate ID --to UNIT [--user USER] --due DATE":                                        "tasks: list [--box inbox|outbox] | show|accept MÃ | report MÃ --progress PHẦN_TRĂM --summary NỘI_DUNG [--final] | review MÃ_NHIỆM_VỤ MÃ_BÁO_CÁO --decision accepted|returned | delegate MÃ --to ĐƠN_VỊ [--user NGƯỜI] --due NGÀY\n  (list: danh sách; show: xem; accept: nhận việc; report: báo cáo; review: đánh giá; delegate: phân công)",
		"exchange: import FILE | packages [--in|--out] [--document ID] [--state S] | get ID [--edxml FILE] | orgs [--q TEXT] | orgs import FILE":                                                                                                     "exchange: import TỆP | packages [--in|--out] [--document MÃ] [--state TRẠNG_THÁI] | get MÃ [--edxml TỆP] | orgs [--q CHUỖI] | orgs import TỆP\n  (import: nhận gói tin; packages: danh sách gói tin; get: xem gói tin; orgs: danh bạ cơ quan; orgs import: nạp danh bạ)",
		"plan: progress PLAN_ID": "plan: progress MÃ_KẾ_HOẠCH (tiến độ kế hoạch)",
		"stats: units [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by due|completed] | [documents] --from YYYY-MM-DD --to YYYY-MM-DD [--format xlsx -o FILE] | tasks --from YYYY-MM-DD --to YYYY-MM-DD [--group unit|person] [--unit ID] [--user ID] [--open] [--format xlsx -o FILE]": "stats: units [--from NGÀY] [--to NGÀY] [--by due|completed] | [documents] --from NGÀY --to NGÀY [--format xlsx -o TỆP] | tasks --from NGÀY --to NGÀY [--group unit|person] [--unit MÃ] [--user MÃ] [--open] [--format xlsx -o TỆP]\n  (units: theo dõi theo đơn vị, tính theo hạn xử lý (due) hoặc ngày hoàn thành (completed); documents: thống kê văn bản; tasks: thời gian xử lý nhiệm vụ theo đơn vị hoặc cá nhân; NGÀY dạng YYYY-MM-DD)",
		"registers: outgoing|incoming [--year Y] [--agency ID] [--from D] [--to D] [--kind K] [--channel C] [--sender S] [--recipient R] [--confidential] [--format json|xlsx|pdf -o FILE]":                                                                                        "registers: outgoing|incoming [--year NĂM] [--agency MÃ_CƠ_QUAN] [--from NGÀY] [--to NGÀY] [--kind LOẠI] [--channel KÊNH] [--sender NƠI_GỬI] [--recipient NƠI_NHẬN] [--confidential] [--format json|xlsx|pdf -o TỆP]\n  (outgoing: sổ văn bản đi; incoming: sổ văn bản đến)",

		// column names
		"ID": "MÃ", "NOTATION": "SỐ, KÝ HIỆU", "KIND": "LOẠI", "STATUS": "TRẠNG THÁI", "ISSUER": "CƠ QUAN BAN HÀNH",
		"URGENCY": "ĐỘ KHẨN", "SUMMARY": "TRÍCH YẾU", "INCOMING NO.": "SỐ ĐẾN", "ARRIVED": "NGÀY ĐẾN", "SENDER": "NƠI GỬI",
		"CHANNEL": "ĐƯỜNG ĐẾN", "HANDLE BY": "HẠN XỬ LÝ", "ITEM": "NHIỆM VỤ", "LEAD": "CHỦ TRÌ", "COOPERATING": "PHỐI HỢP",
		"DUE": "HẠN XỬ LÝ", "SOURCE": "VĂN BẢN GIAO", "FROM": "ĐƠN VỊ GIAO", "TO": "ĐƠN VỊ NHẬN", "ROLE": "VAI TRÒ",
		"CLASS": "NHÓM THEO DÕI", "TITLE": "TÊN NHIỆM VỤ", "REPORT": "BÁO CÁO", "SUBMITTED": "NGÀY GỬI", "FINAL": "HOÀN THÀNH",
		"REVIEW": "ĐÁNH GIÁ", "COOP": "SỐ ĐV PHỐI HỢP", "PROGRESS": "TIẾN ĐỘ", "TASKS": "SỐ NHIỆM VỤ", "UNIT": "ĐƠN VỊ",
		"ON-TIME RATE": "TỶ LỆ ĐÚNG HẠN", "DIR": "CHIỀU", "ORGANISATION": "CƠ QUAN", "SIGNATURE": "CHỮ KÝ SỐ",
		"DOCUMENT": "VĂN BẢN", "UPDATED": "CẬP NHẬT", "REASON": "LÝ DO", "FILE": "TỆP", "TYPE": "KIỂU", "BYTES": "DUNG LƯỢNG (BYTE)",
		"AT": "THỜI ĐIỂM", "CODE": "MÃ", "DIRECTION": "CHIỀU", "NOTE": "GHI CHÚ", "NAME": "TÊN", "PARENT": "CƠ QUAN CẤP TRÊN",
		"EMAIL": "THƯ ĐIỆN TỬ", "NO.": "SỐ", "DATE": "NGÀY", "RECIPIENTS": "NƠI NHẬN", "AUTHOR": "TÁC GIẢ",
		"FIGURE": "CHỈ TIÊU", "RECEIVED": "VĂN BẢN ĐẾN", "SENT": "VĂN BẢN ĐI", "UNIT / PERSON": "ĐƠN VỊ / NGƯỜI",
		"REGISTERED": "VÀO SỔ", "MEDIAN (DAYS)": "TRUNG VỊ (NGÀY)", "DIRECTED": "CHỈ ĐẠO",

		// field names (show)
		"id": "mã", "notation": "số, ký hiệu", "kind": "loại văn bản", "status": "trạng thái", "channel": "đường đến",
		"issuer": "cơ quan ban hành", "original date": "ngày văn bản", "summary": "trích yếu", "urgency": "độ khẩn",
		"due": "hạn xử lý", "recipients": "nơi nhận", "signer": "người ký", "issued": "phát hành lúc",
		"implements": "thực hiện văn bản", "in reply to": "trả lời văn bản", "receipt": "tiếp nhận", "title": "tên nhiệm vụ",
		"source": "văn bản giao", "from": "đơn vị giao", "to": "đơn vị nhận", "role": "vai trò", "progress": "tiến độ",
		"class": "nhóm theo dõi", "report": "báo cáo", "task": "nhiệm vụ", "final": "hoàn thành", "package": "gói tin",
		"state": "trạng thái", "document": "văn bản", "direction": "chiều", "organisation": "cơ quan", "subject": "trích yếu",
		"reason": "lý do", "signature": "chữ ký số", "edxml id": "mã edXML", "created": "tạo lúc", "username": "tên đăng nhập",
		"name": "họ và tên", "unit": "đơn vị", "roles": "vai trò",

		// calendar
		"%d working days (by %s)": "%d ngày làm việc (đến %s)", "day off": "Nghỉ", "working day in exchange": "Làm bù",
		"DAY": "THỨ", "year": "năm", "based on": "căn cứ", "set by the agency's administrator": "lịch do quản trị viên của cơ quan đặt",
		"the Government's announcement of the holidays (default)": "lịch theo thông báo nghỉ lễ, Tết của Chính phủ (mặc định)",
		"the Labour Code's rule (no announcement yet)":            "chưa có thông báo của Chính phủ: lịch tính theo Bộ luật Lao động",

		// words and messages of the result
		", incoming no. %d": ", số đến %d", "yes": "có", "no": "không", "Total": "Tổng số",
		"status recorded":                        "đã ghi nhận trạng thái",
		"imported %d organisations":              "đã nạp %d cơ quan",
		"edXML written to %s":                    "đã ghi edXML ra %s",
		"%s: empty":                              "%s: tệp rỗng",
		"package refused: ":                      "gói tin bị từ chối: ",
		"Through the exchange":                   "Qua trục liên thông",
		"Within the system":                      "Trong hệ thống",
		"On paper":                               "Bản giấy",
		"Handled fully electronically":           "Xử lý hoàn toàn điện tử",
		"Electronic share":                       "Tỷ lệ điện tử",
		"Whole agency":                           "Toàn cơ quan",
		"%s: %d bytes":                           "%s: %d byte",
		"write %s: %w":                           "không ghi được %s: %w",
		"drafted %s but could not submit it: %w": "đã tạo dự thảo %s nhưng chưa trình ký được: %w",
		"username: ":                             "tên đăng nhập: ",
		"password: ":                             "mật khẩu: ",
		"no username":                            "chưa nhập tên đăng nhập",
		"no password":                            "chưa nhập mật khẩu",
		"keep the session: %w":                   "không lưu được phiên làm việc: %w",
		"logged in as %s; session kept in %s":    "đã đăng nhập với tên %s; phiên làm việc lưu tại %s",
		"logged out":                             "đã đăng xuất",
		"seeding %d/%d":                          "đang nạp %d/%d",
		"units: %d created, %d updated, %d unchanged":              "đơn vị: tạo mới %d, cập nhật %d, giữ nguyên %d",
		"users: %d created, %d updated, %d unchanged":              "người dùng: tạo mới %d, cập nhật %d, giữ nguyên %d",
		"deactivated users left as they are: %s":                   "người dùng đã khóa được giữ nguyên: %s",
		"no document numbered %s in your outgoing or incoming box": "không có văn bản số %s trong văn bản đi hoặc văn bản đến của bạn",
		"%s: a folder, not a file":                                 "%s: là thư mục, không phải tệp",
		"registered %s but could not attach %s: %w":                "đã vào sổ %s nhưng không đính kèm được %s: %w",
		"no user %q in unit %s":                                    "không có người dùng %q trong đơn vị %s",
		"no administrator password: give --password-file, set EOFFICE_BOOTSTRAP_ADMIN_PASSWORD, or run where data/admin-password is": "chưa có mật khẩu quản trị viên: nêu --password-file, đặt biến EOFFICE_BOOTSTRAP_ADMIN_PASSWORD, hoặc chạy ở nơi có data/admin-password",
		"consolidated report": "Báo cáo tổng hợp",
		"playing %q":          "đang chạy kịch bản %q",
		"%d tasks from the plan, %d accepted, %d reports sent and reviewed; dates moved %d years.":                 "%d nhiệm vụ từ kế hoạch, %d đã nhận việc, %d báo cáo đã gửi và đánh giá; ngày tháng dời %d năm.",
		"The report %s is in the incoming box of %s.":                                                              "Báo cáo %s đã có trong văn bản đến của %s.",
		"The report %s is NOT in the incoming box of %s.":                                                          "Báo cáo %s CHƯA có trong văn bản đến của %s.",
		"This week's digest went to %d leaders (e-mails in the notifications' mail folder, e.g. data/mail/*.eml).": "Bản tổng hợp tuần đã gửi đến %d lãnh đạo (thư trong thư mục thư của dịch vụ thông báo, ví dụ data/mail/*.eml).",
		"Look around as one of the people (passwords are in the scenario file):":                                   "Xem thử với tư cách một người trong kịch bản (mật khẩu ở tệp kịch bản):",
	} {
		vi[en] = v
	}
}
