use envspec::EnvConfig;

// A nested struct may use the built-in profiles without declaring them; a user profile it
// does not declare is still unknown.
#[derive(EnvConfig)]
struct Database {
    #[env(required_in(production), warn_in(staging))]
    password: Option<String>,
    #[env(required_in(canary))]
    replica: Option<String>,
}

fn main() {}
