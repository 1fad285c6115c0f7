use envspec::EnvConfig;

type Path = String;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "sqlite")]
    adapter: String,
    // Nothing to give the field when the adapter is not sqlite: not optional, no default.
    #[env(read_if(adapter = "sqlite"))]
    sqlite_path: Path,
}

fn main() {}
