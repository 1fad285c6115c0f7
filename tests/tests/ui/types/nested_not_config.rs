use config_runtime::EnvConfig;

struct Database {
    url: String,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested)]
    db: Database,
}

fn main() {}
