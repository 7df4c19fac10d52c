package news

// A Role is what a newsroom account may do. Roles are ordered: each may do
// at least what the one before may (see the matrix in the package
// documentation), except that only contributors are limited to the
// articles they own.
type Role string

// The roles, lowest first.
const (
	RoleContributor Role = "contributor" // phóng viên / cộng tác viên: writes and submits drafts
	RoleEditor      Role = "editor"      // biên tập viên: edits, returns, sends for approval
	RoleApprover    Role = "approver"    // lãnh đạo / Ban biên tập: approves, publishes, archives
	RoleAdmin       Role = "admin"       // quản trị: accounts, categories, tokens, and all of the above
)

// Roles lists every role, lowest first.
func Roles() []Role { return []Role{RoleContributor, RoleEditor, RoleApprover, RoleAdmin} }

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// rank orders the roles from 1 (contributor) to 4 (admin); 0 is unknown.
func (r Role) rank() int {
	switch r {
	case RoleContributor:
		return 1
	case RoleEditor:
		return 2
	case RoleApprover:
		return 3
	case RoleAdmin:
		return 4
	}
	return 0
}

// AtLeast reports whether r is a known role as high as min or higher: an
// API token's role must not be above its creator's
// (creator.AtLeast(token)).
func (r Role) AtLeast(min Role) bool { return r.Valid() && r.rank() >= min.rank() }

// Label returns the Vietnamese name of r used in the newsroom, such as
// "biên tập viên", or r itself when it is unknown.
func (r Role) Label() string {
	switch r {
	case RoleContributor:
		return "phóng viên / cộng tác viên"
	case RoleEditor:
		return "biên tập viên"
	case RoleApprover:
		return "lãnh đạo / Ban biên tập"
	case RoleAdmin:
		return "quản trị"
	}
	return string(r)
}
