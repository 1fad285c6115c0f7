use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(internal, reserved)]
    two_roles: Option<u32>,
    #[env(set_by = "")]
    nobody: Option<String>,
    #[env(reserved, required_in(production), fallback("OLD_SHARDS"))]
    required_but_never_read: Option<u32>,
    #[env(required_if(reserved_flag = "yes"))]
    depends_on_reserved: Option<String>,
    #[env(reserved)]
    reserved_flag: Option<String>,
    #[env(profile, test_only)]
    app_env: String,
}

fn main() {}
