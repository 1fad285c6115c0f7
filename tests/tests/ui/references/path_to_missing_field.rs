use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Core {
    #[env(default = "http://localhost")]
    api_url: String,
    #[env(nested)]
    tls: Tls,
}

#[derive(EnvConfig)]
struct Tls {
    #[env(default = false)]
    enabled: bool,
}

#[derive(EnvConfig)]
struct Root {
    #[env(flatten)]
    core: Core,
    /// The nested struct has no such field: an error at the attribute.
    #[env(same_as = core.api_urll)]
    mirror: String,
    /// A middle step must be a nested struct.
    #[env(required_if(core.api_url.scheme = "https"))]
    cert: Option<String>,
    /// The last step must be a value field.
    #[env(required_with(core.tls))]
    key: Option<String>,
}

fn main() {}
