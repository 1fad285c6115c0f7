use envspec::EnvConfig;

// Each field asks two incompatible things of one profile; every one is reported.
#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(required_in(production), recommended_in(production))]
    required_and_recommended: Option<String>,
    #[env(default = "x", not_default_in(staging), recommended_in(staging))]
    changed_and_recommended: String,
    #[env(forbidden_in(production), recommended_in(production))]
    forbidden_and_recommended: Option<String>,
    #[env(default = "x", forbidden_in(production), not_default_in(production))]
    forbidden_and_changed: String,
    #[env(dev_default = "x", forbidden_in(production))]
    dev_default_and_forbidden: String,
}

fn main() {}
