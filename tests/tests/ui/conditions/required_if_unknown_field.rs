use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    storage_adapter: String,
    #[env(required_if(storage_adaptor = "mongodb"))]
    mongodb_uri: Option<String>,
}

fn main() {}
