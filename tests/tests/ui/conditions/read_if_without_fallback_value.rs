use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "sqlite")]
    adapter: String,
    #[env(read_if(adaptr = "postgres"))]
    postgres_url: Option<String>,
    #[env(read_if())]
    mongo_uri: Option<String>,
}

fn main() {}
