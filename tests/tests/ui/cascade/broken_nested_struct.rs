use envspec::EnvConfig;

// Only the mistake itself is reported, not every use of the broken struct.
#[derive(EnvConfig)]
struct Database {
    #[env(defualt = "localhost")]
    host: String,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested)]
    db: Database,
}

fn main() {
    let _ = Settings::from_env();
}
