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
    mirror: String,
    /// A path cannot start at a value field.
    #[env(default_from = "{mirror.host}/x")]
    other: String,
    /// A path is field names: `same_as` takes no other expression.
    #[env(same_as = core.api_url())]
    call: String,
    /// A step of a template path must be a field name.
    #[env(default_from = "{core..api_url}")]
    broken: String,
}

fn main() {}
