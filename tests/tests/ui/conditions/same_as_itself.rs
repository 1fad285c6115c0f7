use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(same_as = read_url)]
    read_url: String,
}

fn main() {}
