use envspec::EnvConfig;

struct Database {
    url: String,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested)]
    db: Database,
}

fn main() {}
