use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Database {
    url: String,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested)]
    db: Database,
    #[env(required_if(db), same_as = db)]
    replica_url: Option<String>,
}

fn main() {}
