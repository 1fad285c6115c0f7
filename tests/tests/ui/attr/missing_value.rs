use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(name)]
    port: u16,
    #[env(min_len = "8")]
    user: String,
}

fn main() {}
