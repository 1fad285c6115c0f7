use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    base_url: String,
    #[env(default = "http://localhost", same_as = base_url)]
    public_url: String,
    #[env(default_from = "{base_url}/api", default = "x")]
    api_url: String,
}

fn main() {}
