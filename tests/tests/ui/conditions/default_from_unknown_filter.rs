use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "~/.app/workflows.sqlite")]
    repository_path: std::path::PathBuf,
    #[env(default_from = "{repository_path|dirname}/tokens.sqlite")]
    token_path: std::path::PathBuf,
    #[env(default = "http://localhost/api")]
    api_url: String,
    #[env(default_from = "{api_url|trim_suffix:}")]
    public_url: String,
}

fn main() {}
