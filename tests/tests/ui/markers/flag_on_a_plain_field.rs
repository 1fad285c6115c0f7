use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    /// Every variable that is not secret is a flag already.
    #[env(flag, default = 8080)]
    port: u16,
}

fn main() {}
