use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(same_as = write_url)]
    read_url: String,
    #[env(default_from = "{read_url}")]
    write_url: String,
    #[env(default_from = "{base}/x")]
    base: String,
}

fn main() {}
