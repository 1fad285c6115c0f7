use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    adapter: String,
    #[env(alias())]
    a: Option<String>,
    #[env(fallback())]
    b: Option<String>,
    #[env(required_with())]
    c: Option<String>,
    #[env(required_in())]
    d: Option<String>,
    #[env(required_if(adapter = []))]
    e: Option<String>,
    #[env(required_in(production), warn_in())]
    f: Option<String>,
}

fn main() {}
