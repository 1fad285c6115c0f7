use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(secret)]
    api_token: String,
}

fn main() {}
