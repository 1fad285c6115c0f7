use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "openid email", separator = " ")]
    scopes: String,
}

fn main() {}
