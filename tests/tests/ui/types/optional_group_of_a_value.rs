use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    /// `Option<...>` nested must hold a configuration struct.
    #[env(nested, prefix = "S3_")]
    s3: Option<String>,
}

fn main() {}
